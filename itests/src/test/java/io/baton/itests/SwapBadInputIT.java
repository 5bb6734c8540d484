package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import io.baton.example.cart.api.CartService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Every bad input ends with the old version serving and its state intact, compared with a snapshot
 * taken before; a refusal in VALIDATE leaves the framework exactly as it was.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SwapBadInputIT extends SwapTestSupport {
    @Inject
    private Lifecycle lifecycle;

    private CartService cart;
    private Map<String, Map<String, Integer>> stateBefore;
    private Map<Long, String> frameworkBefore;

    @Before
    public void cartTwoServesWithSomeState() throws Exception {
        if (container.managed().stream().noneMatch(b -> b.symbolicName.equals("io.baton.example.cart.impl"))) {
            deploy(jar("example.cart.impl.v2"));
        }
        cart = service(CartService.class, "");
        if (cart.carts().isEmpty()) {
            cart.add("c1", "apple", 3);
            cart.add("c2", "pear", 1);
        }
        stateBefore = state();
        frameworkBefore = frameworkSnapshot();
    }

    @After
    public void theOldVersionStillServesWithItsState() {
        assertEquals("still 2.0.0", "2.0.0", container.managed().stream()
                .filter(b -> b.symbolicName.equals("io.baton.example.cart.impl")).findFirst().get().version);
        assertEquals("state intact", stateBefore, state());
        int apples = stateBefore.get("c1").get("apple");
        assertEquals("and it takes writes", apples + 1, cart.add("c1", "apple", 1));
        cart.remove("c1", "apple", 1);
    }

    private Map<String, Map<String, Integer>> state() {
        Map<String, Map<String, Integer>> all = new TreeMap<>();
        for (String c : cart.carts()) {
            all.put(c, cart.lines(c));
        }
        return all;
    }

    private void assertRefused(SwapReport report, String... fragments) {
        assertEquals(report.failure, SwapStatus.REFUSED, report.status);
        assertEquals(SwapPhase.VALIDATE, report.failedPhase);
        assertEquals("every attempt is in history", RecordState.REFUSED, lifecycle.history(1).get(0).state);
        for (String f : fragments) {
            assertTrue("'" + f + "' in: " + report.failure, report.failure.contains(f));
        }
        assertEquals("VALIDATE changed nothing in the framework", frameworkBefore, frameworkSnapshot());
    }

    private void assertAborted(SwapReport report, SwapPhase phase, String... fragments) {
        assertEquals(report.failure, SwapStatus.ABORTED, report.status);
        assertEquals(report.failure, phase, report.failedPhase);
        assertTrue("one line, the root cause named, no stack trace: " + report.failure, !report.failure.contains("\n")
                && !report.failure.contains("\tat "));
        SwapRecord recorded = lifecycle.history(1).get(0);
        assertEquals("every attempt is in history", report.id, recorded.swapId);
        assertEquals(RecordState.ABORTED, recorded.state);
        assertEquals(phase.name(), recorded.failedPhase);
        assertEquals(report.failure, recorded.failure);
        for (String f : fragments) {
            assertTrue("'" + f + "' in: " + report.failure, report.failure.contains(f));
        }
        assertEquals("staged bundles were removed", frameworkBefore, frameworkSnapshot());
    }

    @Test
    public void aFileThatIsNotAJarIsRefused() throws Exception {
        Path text = workFile("not-a-jar");
        Files.writeString(text, "hello, I am not a jar\n");
        assertRefused(swap(text), text.toString(), "is not a jar");
    }

    @Test
    public void aTruncatedJarIsRefused() throws Exception {
        byte[] full = Files.readAllBytes(jar("example.cart.impl.v3"));
        Path cut = workFile("truncated");
        Files.write(cut, Arrays.copyOf(full, full.length / 2));
        assertRefused(swap(cut), cut.toString(), "truncated or corrupt");
    }

    @Test
    public void aZipBombIsRefusedAndNeverHoldsTheSwapLockWhileItIsRead() throws Exception {
        Path bomb = ZipBomb.write(workFile("zip-bomb"), "io.baton.example.cart.impl", 2400);
        assertTrue("megabytes on disk: " + Files.size(bomb), Files.size(bomb) < 4_000_000);
        java.util.concurrent.FutureTask<SwapReport> refused = new java.util.concurrent.FutureTask<>(() -> swap(bomb));
        new Thread(refused, "zip-bomb-swap").start();
        Thread.sleep(100);

        // inflating up to the cap takes a while: meanwhile the lock is free for others
        SwapReport plan = container.plan(request(jar("example.cart.impl.v3")));
        assertEquals(plan.failure, SwapStatus.PLANNED, plan.status);

        assertRefused(refused.get(60, java.util.concurrent.TimeUnit.SECONDS), bomb.toString(), "inflates to more than 1073741824 bytes",
                "baton.jar.maxInflatedBytes", "zip bomb");
    }

    @Test
    public void aManifestWithoutSymbolicNameIsRefused() throws Exception {
        Path noName = JarVariants.of(jar("example.cart.impl.v3")).header("Bundle-SymbolicName", null).writeTo(workFile("no-bsn"));
        assertRefused(swap(noName), "has no Bundle-SymbolicName");
    }

    @Test
    public void aSymbolicNameThatMatchesNoManagedBundleIsRefused() throws Exception {
        Path other = JarVariants.of(jar("example.cart.impl.v3")).header("Bundle-SymbolicName", "io.baton.nothing").writeTo(workFile("other"));
        assertRefused(swap(other), "No managed bundle io.baton.nothing", "io.baton.example.cart.impl 2.0.0");
    }

    @Test
    public void aBundleThatBatonDoesNotManageIsRefused() throws Exception {
        Bundle plain = context.installBundle(jar("example.cart.shell").toUri().toString());
        // an application's level (above the runtime's), whatever the framework's initial level is (Equinox: 1)
        String runtimeLevel = context.getProperty("baton.runtime.startlevel");
        plain.adapt(org.osgi.framework.startlevel.BundleStartLevel.class).setStartLevel(
                (runtimeLevel == null ? 2 : Integer.parseInt(runtimeLevel.trim())) + 1);
        try {
            frameworkBefore = frameworkSnapshot();
            Path next = variant("example.cart.shell", "2.0.0");
            assertRefused(swap(next), "io.baton.example.cart.shell 1.0.0", "is not managed by Baton");
        } finally {
            plain.uninstall();
        }
    }

    @Test
    public void theVersionAlreadyRunningIsRefused() throws Exception {
        assertRefused(swap(jar("example.cart.impl.v2")), "io.baton.example.cart.impl 2.0.0 is already running");
    }

    @Test
    public void anImportNobodyExportsIsRefusedNamingTheRequirement() throws Exception {
        String imports = new java.util.jar.JarFile(jar("example.cart.impl.v3").toFile()).getManifest().getMainAttributes().getValue("Import-Package");
        Path missing = JarVariants.of(jar("example.cart.impl.v3"))
                .header("Import-Package", imports + ",io.baton.nowhere;version=\"[1.0,2)\"").writeTo(workFile("missing-import"));
        assertRefused(swap(missing), "Cannot resolve", "osgi.wiring.package=io.baton.nowhere");
    }

    @Test
    public void noMigratorChainIsRefusedInValidate() throws Exception {
        Path noUp = JarVariants.of(jar("example.cart.impl.v3")).withoutComponents("2To3").writeTo(workFile("no-chain"));
        assertRefused(swap(noUp), "No migrator chain for state cart from v2 to v3");
    }

    @Test
    public void aStatefulServiceMissingFromTheNewVersionIsRefusedInsteadOfDroppingItsState() throws Exception {
        // as when an implementation class is renamed without baton.service.identity: no service matches
        Path renamed = JarVariants.of(jar("example.cart.impl.v3")).withoutComponents("TimedCartService")
                .writeTo(workFile("renamed"));
        assertRefused(swap(renamed), "holds state cart", "its state would be lost", "baton.service.identity");
    }

    @Test
    public void anActivatorThatThrowsAbortsInStage() throws Exception {
        Path bad = fixture("7.0.1", "activator");
        assertAborted(swap(bad), SwapPhase.STAGE, "failed to start", "fixture activator fault");
    }

    @Test
    public void aComponentWhoseActivateThrowsAbortsInStage() throws Exception {
        Path bad = fixture("7.0.2", "activate");
        assertAborted(swap(bad), SwapPhase.STAGE, "fixture activate fault");
    }

    @Test
    public void aMigratorThatThrowsAbortsInTransfer() throws Exception {
        assertAborted(swap(fixture("7.0.3", "migrator-throws")), SwapPhase.TRANSFER, "Migrator cart 2->7", "fixture migrator fault");
    }

    @Test
    public void aMigratorPastItsDeadlineAbortsInTransfer() throws Exception {
        io.baton.container.core.SwapRequest r = request(fixture("7.0.4", "migrator-slow"));
        r.migrationTimeoutMillis = 300;
        SwapReport report = container.swap(r);
        assertAborted(report, SwapPhase.TRANSFER, "ran past its deadline of 300 ms");
        assertTrue("the pause stayed bounded: " + report.pauseMicros, report.pauseMicros < 2_000_000);
    }

    @Test
    public void aMigratorReturningNullAbortsInTransfer() throws Exception {
        assertAborted(swap(fixture("7.0.5", "migrator-null")), SwapPhase.TRANSFER, "returned null");
    }

    @Test
    public void aMigratorReturningTheWrongTypeAbortsInTransfer() throws Exception {
        assertAborted(swap(fixture("7.0.6", "migrator-wrong")), SwapPhase.TRANSFER, "returned a wrong result", "not plain data");
    }

    @Test
    public void aPausePastMaxPauseAbortsAndTheGatesReopen() throws Exception {
        io.baton.container.core.SwapRequest r = request(fixture("7.0.7", "migrator-slow"));
        r.maxPauseMillis = 150;
        r.migrationTimeoutMillis = 10_000; // the pause bound is the tighter one
        SwapReport report = container.swap(r);
        assertAborted(report, SwapPhase.TRANSFER, "ran past its deadline");
        assertTrue("the pause ended near maxPause: " + report.pauseMicros, report.pauseMicros < 1_000_000);
    }

    @Test
    public void aSnapshotOverTheCapAbortsInTransfer() throws Exception {
        io.baton.container.core.SwapRequest r = request(jar("example.cart.impl.v3"));
        r.maxStateBytes = 16;
        SwapReport report = container.swap(r);
        assertAborted(report, SwapPhase.TRANSFER, "State cart v2 is", "over the cap of 16 bytes (maxStateBytes)");
    }

    @Test
    public void aPlanChangesNothingAndSaysWhatASwapWouldDo() throws Exception {
        SwapReport plan = container.plan(request(jar("example.cart.impl.v3")));
        assertEquals(plan.failure, SwapStatus.PLANNED, plan.status);
        assertNull(plan.failure);
        assertEquals(List.of("2->3"), plan.migrations.get(0).chain);
        assertEquals(1, plan.services.size());
        assertEquals("KEPT", plan.services.get(0).change.name());
        assertEquals(frameworkBefore, frameworkSnapshot());
    }

    static Path fixture(String version, String fault) throws Exception {
        return JarVariants.of(jar("example.cart.fixture")).version(version).header("Fixture-Fault", fault)
                .writeTo(workFile("fixture-" + fault));
    }
}
