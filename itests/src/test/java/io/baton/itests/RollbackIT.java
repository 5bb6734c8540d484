package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.RecordKind;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import io.baton.example.cart.api.CartService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * Probation, automatic rollback and commit, each scenario in a fresh framework. The faulty cart
 * 3.1.0 fails a quarter of its adds under traffic; the error-rate detector must catch it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RollbackIT extends SwapTestSupport {

    @Inject
    Lifecycle lifecycle;

    @Test
    public void aFaultyVersionIsRolledBackOnItsOwnAndTheWritesOfTheTrialSurvive() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("before", "a", 1);

        CartLoad load = new CartLoad(cart, 4, Integer.MAX_VALUE); // until stopped: traffic throughout the trial
        SwapRecord rollback;
        try {
            Thread.sleep(100);
            SwapRequest r = request(jar("example.cart.impl.v31"));
            r.probationMillis = 20_000;
            assertSwapped(container.swap(r));
            rollback = awaitRecord(RecordKind.ROLLBACK, 15_000);
            Thread.sleep(200); // traffic goes on against the version rolled back to
        } finally {
            load.close();
        }

        assertEquals(rollback.failure, RecordState.DONE, rollback.state);
        assertEquals("error-rate", rollback.detector);
        assertTrue(rollback.evidence, rollback.evidence.matches(".*error rate \\d+% over \\d+ calls > 5%.*"));
        assertTrue("rollback time measured: " + rollback.rollbackMicros, rollback.rollbackMicros > 0);
        assertEquals("2.0.0", runningCart().version);
        assertNull("nothing in TRIAL", lifecycle.trial());
        assertEquals(RecordState.ROLLED_BACK, lifecycle.history(10).stream().filter(h -> h.kind == RecordKind.SWAP).findFirst().get().state);
        for (Throwable t : load.failures) {
            assertTrue("only the faulty version's own failures reached callers: " + t, String.valueOf(t.getMessage()).contains("3.1.0"));
        }
        // the down-migrator (3->2) carried every acknowledged write, those made during the trial too
        for (Map.Entry<String, Map<String, Integer>> e : load.expected().entrySet()) {
            assertEquals("cart " + e.getKey(), e.getValue(), cart.lines(e.getKey()));
        }
        assertEquals(Map.of("a", 1), cart.lines("before"));
        assertEquals("the trial bundle was removed", 1, bundles("io.baton.example.cart.impl").size());
    }

    @Test
    public void aReleaseThatFailsOnlyWritesIsCaughtUnderReadHeavyTraffic() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        // 15 reads per add: 94 % of the calls are reads, so 3.1.0's failing quarter of the adds is
        // under 2 % of all calls, below the 5 % limit if every call of the service were pooled
        CartLoad load = new CartLoad(cart, 4, Integer.MAX_VALUE, 15);
        SwapRecord rollback;
        try {
            Thread.sleep(200); // the old version's rate per operation, under the same mix
            SwapRequest r = request(jar("example.cart.impl.v31"));
            r.probationMillis = 20_000;
            assertSwapped(container.swap(r));
            rollback = awaitRecord(RecordKind.ROLLBACK, 15_000);
        } finally {
            load.close();
        }

        assertEquals(rollback.failure, RecordState.DONE, rollback.state);
        assertEquals("error-rate", rollback.detector);
        assertTrue("the evidence names the failing operation: " + rollback.evidence, rollback.evidence.contains("add"));
        assertTrue("the mix was read-heavy: " + load.reads + " reads, " + load.calls + " adds", load.reads.get() > 10 * load.calls.get());
        assertEquals("2.0.0", runningCart().version);
        for (Map.Entry<String, Map<String, Integer>> e : load.expected().entrySet()) {
            assertEquals("cart " + e.getKey(), e.getValue(), cart.lines(e.getKey()));
        }
    }

    @Test
    public void aDetectorFiringWhileASlowDeployHoldsTheLockRollsBackOnceTheLockIsFree() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("before", "a", 1);
        SwapRequest r = request(jar("example.cart.impl.v31"));
        r.probationMillis = 30_000;
        assertSwapped(container.swap(r));
        // an unrelated bundle whose activator takes 4 s: its deploy holds the swap lock meanwhile
        Path slow = JarVariants.of(jar("example.cart.fixture")).header("Bundle-SymbolicName", "io.baton.itests.slowstart")
                .header("Fixture-Fault", "start-slow").withoutComponents("fixture.internal.Fixture").writeTo(workFile("slow-start"));
        java.util.concurrent.FutureTask<Long> deployed = new java.util.concurrent.FutureTask<>(() -> {
            deploy(slow);
            return System.currentTimeMillis();
        });
        new Thread(deployed, "slow-deploy").start(); // its own thread: the common pool may be busy with others' work
        awaitLockHeld(deployed);

        CartLoad load = new CartLoad(cart, 4, Integer.MAX_VALUE);
        long deployEnded;
        int failuresWhileLocked;
        SwapRecord rollback;
        try {
            deployEnded = deployed.get(30, java.util.concurrent.TimeUnit.SECONDS);
            synchronized (load.failures) {
                failuresWhileLocked = load.failures.size();
            }
            rollback = awaitRecord(RecordKind.ROLLBACK, 15_000);
        } finally {
            load.close();
        }

        assertTrue("3.1.0 failed enough calls for the detector while the deploy held the lock: " + failuresWhileLocked,
                failuresWhileLocked >= 20);
        assertEquals(rollback.failure, RecordState.DONE, rollback.state);
        assertEquals("error-rate", rollback.detector);
        assertTrue("the rollback ran once the lock was free: ended " + rollback.endedAt + ", deploy ended " + deployEnded,
                rollback.endedAt >= deployEnded);
        assertEquals("2.0.0", runningCart().version);
        assertEquals(Map.of("a", 1), cart.lines("before"));
        for (Map.Entry<String, Map<String, Integer>> e : load.expected().entrySet()) {
            assertEquals("cart " + e.getKey(), e.getValue(), cart.lines(e.getKey()));
        }
        assertEquals("the slow bundle stays deployed", 1, bundles("io.baton.itests.slowstart").size());
    }

    /**
     * Waits until the slow deploy holds the swap lock: its bundle is installed (under the lock) and
     * starting. (Probing with a plan would take the lock itself and race the deploy.)
     */
    private void awaitLockHeld(java.util.concurrent.Future<?> deploy) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (deploy.isDone()) {
                deploy.get(); // throws what the deploy threw
                throw new AssertionError("the deploy ended before anyone saw it hold the lock");
            }
            if (bundles("io.baton.itests.slowstart").stream().anyMatch(b -> b.getState() == Bundle.STARTING)) {
                try {
                    container.plan(request(jar("example.cart.impl.v3")));
                    throw new AssertionError("a plan ran while the deploy was starting its bundle");
                } catch (io.baton.container.core.SwapInProgressException held) {
                    assertTrue(held.getMessage(), held.getMessage().contains("a deploy of"));
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the slow deploy never held the lock");
    }

    @Test
    public void aComponentThatFailsToActivateAfterTheSwitchIsRolledBack() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("c", "x", 3);
        SwapRequest r = request(SwapBadInputIT.fixture("7.5.0", "late-activate"));
        r.probationMillis = 20_000;
        assertSwapped(container.swap(r));

        SwapRecord rollback = awaitRecord(RecordKind.ROLLBACK, 10_000);

        assertEquals("component", rollback.detector);
        assertTrue(rollback.evidence, rollback.evidence.contains("fixture worker activation fault"));
        assertEquals("2.0.0", runningCart().version);
        assertEquals(Map.of("x", 3), cart.lines("c"));
    }

    @Test
    public void aHealthCheckTurningCriticalIsRolledBack() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("c", "x", 1);
        SwapRequest r = request(SwapBadInputIT.fixture("7.7.0", "health-critical"));
        r.probationMillis = 20_000;
        assertSwapped(container.swap(r));

        SwapRecord rollback = awaitRecord(RecordKind.ROLLBACK, 10_000);

        assertEquals("health-check", rollback.detector);
        assertTrue(rollback.evidence, rollback.evidence.contains("health check 'fixture-cart' is CRITICAL"));
        assertEquals("2.0.0", runningCart().version);
        assertEquals(Map.of("x", 1), cart.lines("c"));
    }

    @Test
    public void aLatencyRegressionIsRolledBackWhenThatDetectorIsOn() throws Exception {
        configurationAdmin.getConfiguration("io.baton.rollback", "?").update(new java.util.Hashtable<>(Map.of("latencyEnabled", true)));
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        SwapRecord rollback;
        CartLoad load = new CartLoad(cart, 2, Integer.MAX_VALUE);
        try {
            Thread.sleep(500); // the old version's p99 is sampled under traffic
            SwapRequest r = request(SwapBadInputIT.fixture("7.8.0", "slow-calls"));
            r.probationMillis = 20_000;
            assertSwapped(container.swap(r));
            rollback = awaitRecord(RecordKind.ROLLBACK, 15_000);
        } finally {
            load.close();
        }

        assertEquals("latency", rollback.detector);
        assertTrue(rollback.evidence, rollback.evidence.matches(".*p99 latency [\\d.]+ us > 3\\.0 x [\\d.]+ us of the old version"));
        assertEquals("2.0.0", runningCart().version);
        assertEquals("no call failed", List.of(), load.failures);
        for (Map.Entry<String, Map<String, Integer>> e : load.expected().entrySet()) {
            assertEquals(e.getValue(), cart.lines(e.getKey()));
        }
    }

    @Test
    public void aNewBundleThatStopsDuringProbationIsRolledBack() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("c", "x", 2);
        SwapRequest r = request(jar("example.cart.impl.v3"));
        r.probationMillis = 20_000;
        assertSwapped(container.swap(r));
        context.getBundle(runningCart().id).stop(Bundle.STOP_TRANSIENT); // the new version dies

        SwapRecord rollback = awaitRecord(RecordKind.ROLLBACK, 10_000);

        assertEquals("bundle", rollback.detector);
        // found as soon as it is no longer ACTIVE: while it stops, or once it has
        assertTrue(rollback.evidence, rollback.evidence.matches(".*io.baton.example.cart.impl 3.0.0 is (STOPPING|RESOLVED), not ACTIVE.*"));
        assertEquals("2.0.0", runningCart().version);
        // the new version's facade went with its bundle: no live state to carry down, so the checkpoint's is restored
        assertEquals(rollback.failure, RecordState.DONE, rollback.state);
        assertEquals("the state the checkpoint holds, not an empty cart", Map.of("x", 2), cart.lines("c"));
        assertTrue(rollback.notes.toString(), rollback.notes.toString().contains("restored from the checkpoint"));
    }

    @Test
    public void anyRetainedCheckpointCanBeRolledBackToByHandAfterCommit() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("c", "x", 2);
        SwapRequest r = request(jar("example.cart.impl.v3"));
        r.probationMillis = 0;
        assertSwapped(container.swap(r));
        awaitRecord(RecordKind.COMMIT, 10_000);
        assertEquals("2.0.0 is gone", 1, bundles("io.baton.example.cart.impl").size());
        cart.add("c", "x", 1);

        SwapRecord rollback = lifecycle.rollbackTo("cp-1");

        assertEquals(rollback.failure, RecordState.DONE, rollback.state);
        assertEquals("reinstalled from its pinned jar", "2.0.0", runningCart().version);
        assertEquals("the down-migrator carried the write made after the commit", Map.of("x", 3), cart.lines("c"));
        assertEquals(RecordKind.ROLLBACK, lifecycle.history(1).get(0).kind);
    }

    @Test
    public void duringProbationEachDetectorsReadingIsThereAgainstItsLimit() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        SwapRequest r = request(jar("example.cart.impl.v3"));
        r.probationMillis = 60_000;
        assertSwapped(container.swap(r));
        CartLoad load = new CartLoad(cart, 2, 2_000);
        long until = System.currentTimeMillis() + 10_000;
        while (load.calls.get() < 4_000 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        load.close(); // 4000 adds into 3.0.0, none failing
        assertEquals(List.of(), load.failures);

        long deadline = System.currentTimeMillis() + 10_000;
        List<io.baton.container.rollback.DetectorReading> readings = lifecycle.readings();
        while (readings.stream().noneMatch(x -> x.detector.equals("error-rate") && x.state.equals("ok")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            readings = lifecycle.readings();
        }

        String all = readings.toString();
        io.baton.container.rollback.DetectorReading add = readings.stream()
                .filter(x -> x.detector.equals("error-rate") && x.subject.equals("io.baton.example.cart.impl|cart add(String,String,int)"))
                .findFirst().orElseThrow(() -> new AssertionError("no error-rate reading of add: " + all));
        assertEquals(all, "ok", add.state);
        assertEquals(0.0, add.value, 0.0);
        assertEquals("the old version's rate (0) + the limit", 0.05, add.limitValue, 1e-9);
        assertTrue(all, readings.stream().anyMatch(x -> x.detector.equals("bundle") && x.subject.equals("io.baton.example.cart.impl 3.0.0")
                && x.reading.equals("ACTIVE") && x.state.equals("ok")));
        assertTrue(all, readings.stream().anyMatch(x -> x.detector.equals("component") && x.state.equals("ok")));
        lifecycle.commit();
        assertEquals("nothing in TRIAL, nothing read", List.of(), lifecycle.readings());
    }

    @Test
    public void aCleanProbationCommitsAndUninstallsTheOldVersion() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        SwapRequest r = request(jar("example.cart.impl.v3"));
        r.probationMillis = 300;
        assertSwapped(container.swap(r));
        assertNotNull("in TRIAL", lifecycle.trial());
        assertEquals("the old version is kept during probation", 2, bundles("io.baton.example.cart.impl").size());

        SwapRecord commit = awaitRecord(RecordKind.COMMIT, 10_000);

        assertEquals(RecordState.DONE, commit.state);
        assertNull(lifecycle.trial());
        assertEquals("3.0.0", runningCart().version);
        assertEquals("the old version was uninstalled", 1, bundles("io.baton.example.cart.impl").size());
        assertEquals(1, lifecycle.checkpoints().size());
        assertEquals("2.0.0", lifecycle.checkpoints().get(0).bundles.get(0).version);
    }

    @Test
    public void duringProbationASecondSwapIsRefusedAndAManualRollbackRestoresTheCheckpointWhenNoDownMigratorExists() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("c", "x", 3);
        Path noDown = JarVariants.of(jar("example.cart.impl.v3")).withoutComponents("3To2").writeTo(workFile("no-down"));
        SwapRequest r = request(noDown);
        r.probationMillis = 60_000;
        assertSwapped(container.swap(r));
        cart.add("c", "x", 4); // a write during the trial, which no migrator can carry down

        SwapReport second = container.swap(request(jar("example.cart.impl.v31")));
        assertEquals(SwapStatus.REFUSED, second.status);
        assertTrue(second.failure, second.failure.contains("is in TRIAL") && second.failure.contains("commit it or roll it back"));

        SwapRecord rollback = lifecycle.rollback();

        assertEquals(rollback.failure, RecordState.DONE, rollback.state);
        assertEquals("manual", rollback.detector);
        assertTrue(rollback.notes.toString(), rollback.notes.toString().contains("writes made since then were dropped"));
        assertEquals("2.0.0", runningCart().version);
        assertEquals("the checkpoint's state: the trial's write is gone, as the report says", Map.of("x", 3), cart.lines("c"));
    }

    @Inject
    org.osgi.service.cm.ConfigurationAdmin configurationAdmin;

    @Test
    public void theConfigurationsOfTheManagedBundlesAreCheckpointedAndRestoredByARollback() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        String pid = "io.baton.example.cart.impl.internal.QuantityCartService";
        org.osgi.service.cm.Configuration config = configurationAdmin.getConfiguration(pid, "?");
        config.update(new java.util.Hashtable<>(Map.of("greeting", "as it was")));
        // DS reactivates the cart with its configuration (asynchronously): wait for the facade to show it
        awaitService("(&(objectClass=" + CartService.class.getName() + ")(greeting=as it was))", 10_000);
        SwapRequest r = request(jar("example.cart.impl.v3"));
        r.probationMillis = 60_000;
        assertSwapped(container.swap(r));
        assertEquals(List.of(pid), lifecycle.checkpoints().get(0).configurations);
        config.update(new java.util.Hashtable<>(Map.of("greeting", "changed during the trial")));

        SwapRecord rollback = lifecycle.rollback();

        assertEquals(rollback.failure, RecordState.DONE, rollback.state);
        assertEquals("as it was", configurationAdmin.getConfiguration(pid, "?").getProperties().get("greeting"));
    }

    @Test
    public void commitOrRollbackWithNothingInTrialAndAnUnknownCheckpointAreRefused() throws Exception {
        try {
            lifecycle.commit();
            fail("commit with nothing in TRIAL");
        } catch (IllegalStateException e) {
            assertEquals("Nothing to commit: no swap is in TRIAL", e.getMessage());
        }
        try {
            lifecycle.rollback();
            fail("rollback with nothing in TRIAL");
        } catch (IllegalStateException e) {
            assertEquals("Nothing to roll back: no swap is in TRIAL", e.getMessage());
        }
        try {
            lifecycle.rollbackTo("cp-99");
            fail("unknown checkpoint");
        } catch (IllegalArgumentException e) {
            assertEquals("No checkpoint \"cp-99\"; known: []", e.getMessage());
        }
    }

    private SwapRecord awaitRecord(RecordKind kind, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            for (SwapRecord r : lifecycle.history(10)) {
                if (r.kind == kind) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + kind + " record within " + millis + " ms; history " + lifecycle.history(10));
    }

    private BundleInfo runningCart() {
        return container.managed().stream().filter(b -> b.symbolicName.equals("io.baton.example.cart.impl")).findFirst().get();
    }

    private List<Bundle> bundles(String symbolicName) {
        return java.util.Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).collect(java.util.stream.Collectors.toList());
    }
}
