package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.container.core.spi.Engine;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import io.baton.example.cart.api.CartService;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * Application code as an attacker or a bad day writes it: an {@code Error} from importState, an
 * importState or a start() that never returns, a state that contains itself, a migrator that spins
 * and ignores interrupts. Each scenario, in a fresh framework, ends the same way: a one-line error
 * naming the cause, the gates open again on the previous version with its state and taking writes
 * (callers that waited at the gate get answers, none fails), the swap lock free, stuck threads named,
 * and the rollback subsystem alive (a later swap gets a checkpoint and rolls back).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HostileAppCodeIT extends SwapTestSupport {
    private static final String CART = "io.baton.example.cart.impl";

    @Inject
    private Lifecycle lifecycle;

    @Inject
    private Engine engine;

    @Test
    public void anErrorThrownByImportStateAbortsAndTheOldVersionServes() throws Exception {
        Map<String, Map<String, Integer>> before = cartTwoWithState();

        SwapReport report = underLoad(request(SwapBadInputIT.fixture("7.1.1", "import-error")));

        assertAborted(report, SwapPhase.TRANSFER, "importState", "NoClassDefFoundError", "io/baton/example/cart/fixture/Missing");
        assertPreviousSetServes("2.0.0", before);
    }

    @Test
    public void anImportStateThatNeverReturnsIsAbandonedWithinMaxPause() throws Exception {
        Map<String, Map<String, Integer>> before = cartTwoWithState();
        SwapRequest r = request(SwapBadInputIT.fixture("7.1.2", "import-hangs"));
        r.maxPauseMillis = 400;
        r.migrationTimeoutMillis = 5_000; // the pause bound is the tighter one

        SwapReport report = underLoad(r);

        assertAborted(report, SwapPhase.TRANSFER, "importState", "did not return");
        assertTrue("the pause ended near maxPause (+ grace): " + report.pauseMicros, report.pauseMicros < 3_000_000);
        List<String> stuck = engine.abandonedThreads();
        assertTrue("the stuck thread is named in status: " + stuck, stuck.stream().anyMatch(t -> t.contains("importState")));
        assertPreviousSetServes("2.0.0", before);
    }

    @Test
    public void aSelfReferencingSnapshotFromExportStateAbortsInTransfer() throws Exception {
        // the fixture is the running version here: its exportState returns a map that contains itself
        deploy(SwapBadInputIT.fixture("7.1.3", "export-cycle"));
        CartService cart = service(CartService.class, "");
        cart.add("c1", "apple", 3);
        Map<String, Map<String, Integer>> before = state(cart);

        SwapReport report = underLoad(request(SwapBadInputIT.fixture("7.1.4", "none")));

        assertAborted(report, SwapPhase.TRANSFER, "exportState", "cycle");
        assertPreviousSetServes("7.1.3", before);
    }

    @Test
    public void aSelfReferencingStateFromAMigratorAbortsInTransfer() throws Exception {
        Map<String, Map<String, Integer>> before = cartTwoWithState();

        SwapReport report = underLoad(request(SwapBadInputIT.fixture("7.1.5", "migrator-cycle")));

        assertAborted(report, SwapPhase.TRANSFER, "Migrator cart 2->7", "cycle");
        assertPreviousSetServes("2.0.0", before);
    }

    @Test
    public void anActivatorWhoseStartNeverReturnsAbortsInStageAndFreesTheLock() throws Exception {
        Map<String, Map<String, Integer>> before = cartTwoWithState();
        SwapRequest r = request(SwapBadInputIT.fixture("7.1.6", "start-hangs"));
        r.stageTimeoutMillis = 1_000;

        long start = System.nanoTime();
        SwapReport report = underLoad(r);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertAborted(report, SwapPhase.STAGE, "start()", "did not return within 1000 ms");
        assertTrue("STAGE gave up at its timeout, not at the activator's 120 s: " + millis + " ms", millis < 60_000);
        assertPreviousSetServes("2.0.0", before);
    }

    @Test
    public void aMigratorThatIgnoresInterruptsIsReportedAndDoesNotSpinForever() throws Exception {
        Map<String, Map<String, Integer>> before = cartTwoWithState();
        SwapRequest r = request(SwapBadInputIT.fixture("7.1.7", "migrator-spin"));
        r.migrationTimeoutMillis = 300;

        SwapReport report = underLoad(r);

        assertAborted(report, SwapPhase.TRANSFER, "ran past its deadline of 300 ms");
        List<String> stuck = engine.abandonedThreads();
        assertTrue("the spinning migrator is named in status: " + stuck, stuck.stream().anyMatch(t -> t.contains("cart 2->7")));
        // interrupted at once, ignored it, stopped for good after the grace period
        long deadline = System.currentTimeMillis() + 15_000;
        while (!engine.abandonedThreads().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("the spinning thread ended (the fixture would spin 120 s)", List.of(), engine.abandonedThreads());
        assertPreviousSetServes("2.0.0", before);
    }

    // --- the shared ending ---

    private Map<String, Map<String, Integer>> cartTwoWithState() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("c1", "apple", 3);
        cart.add("c2", "pear", 1);
        return state(cart);
    }

    private List<Throwable> loadFailures;
    private Map<String, Map<String, Integer>> loadAcknowledged;

    /** The swap with callers writing throughout: none may fail, every acknowledged write must survive. */
    private SwapReport underLoad(SwapRequest r) throws Exception {
        CartLoad load = new CartLoad(service(CartService.class, ""), 2, Integer.MAX_VALUE);
        try {
            Thread.sleep(50);
            return container.swap(r);
        } finally {
            Thread.sleep(50);
            load.close();
            loadFailures = load.failures;
            loadAcknowledged = load.expected();
        }
    }

    private void assertAborted(SwapReport report, SwapPhase phase, String... fragments) {
        assertEquals(report.failure, SwapStatus.ABORTED, report.status);
        assertEquals(report.failure, phase, report.failedPhase);
        assertFalse("one line: " + report.failure, report.failure.contains("\n"));
        for (String f : fragments) {
            assertTrue("'" + f + "' in: " + report.failure, report.failure.contains(f));
        }
        SwapRecord recorded = lifecycle.history(1).get(0);
        assertEquals("journaled", report.id, recorded.swapId);
        assertEquals(RecordState.ABORTED, recorded.state);
    }

    private void assertPreviousSetServes(String version, Map<String, Map<String, Integer>> before) throws Exception {
        assertEquals("no caller failed: " + loadFailures, List.of(), loadFailures);
        CartService cart = service(CartService.class, "");
        assertEquals(version, runningCart());
        Map<String, Map<String, Integer>> now = state(cart);
        for (Map.Entry<String, Map<String, Integer>> e : before.entrySet()) {
            assertEquals("state from before the swap: cart " + e.getKey(), e.getValue(), now.get(e.getKey()));
        }
        for (Map.Entry<String, Map<String, Integer>> e : loadAcknowledged.entrySet()) {
            assertEquals("every acknowledged write: cart " + e.getKey(), e.getValue(), now.get(e.getKey()));
        }
        assertEquals("it takes writes", before.get("c1").get("apple") + 1, cart.add("c1", "apple", 1));
        cart.remove("c1", "apple", 1);

        assertEquals("the rollback subsystem is healthy", List.of(), lifecycle.degraded());
        if (!version.equals("2.0.0")) {
            return; // a running version whose exportState is broken cannot be swapped away from: nothing more to show
        }
        // the lock is free and the safety net works: a healthy swap gets a checkpoint and rolls back
        SwapRequest healthy = request(SwapBadInputIT.fixture("7.9.0", "none"));
        healthy.probationMillis = 60_000;
        SwapReport swapped = container.swap(healthy);
        assertEquals(swapped.failure, SwapStatus.SWAPPED, swapped.status);
        assertTrue("in TRIAL, with a checkpoint", lifecycle.trial() != null && !lifecycle.checkpoints().isEmpty());
        SwapRecord back = lifecycle.rollback();
        assertEquals(back.failure, RecordState.DONE, back.state);
        assertEquals(version, runningCart());
        assertEquals("the rollback kept the state", state(cart).get("c1"), now.get("c1"));
    }

    private String runningCart() {
        return container.managed().stream().filter(b -> b.symbolicName.equals(CART)).findFirst().get().version;
    }

    private static Map<String, Map<String, Integer>> state(CartService cart) {
        Map<String, Map<String, Integer>> all = new TreeMap<>();
        for (String c : cart.carts()) {
            all.put(c, cart.lines(c));
        }
        return all;
    }
}
