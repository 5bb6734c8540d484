package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import io.baton.example.cart.api.CartService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/** Faults of the rollback machinery itself: the disk, the pinned jars, the down-migration. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RollbackFaultsIT extends SwapTestSupport {

    @Inject
    Lifecycle lifecycle;

    /** The store lives in the rollback bundle's data area. */
    private Path store() {
        for (Bundle b : context.getBundles()) {
            if ("io.baton.container.rollback".equals(b.getSymbolicName())) {
                return Path.of(context.getProperty("org.osgi.framework.storage"), "bundle" + b.getBundleId(), "data", "store", "checkpoints");
            }
        }
        throw new AssertionError("no rollback bundle");
    }

    @Test
    public void anIoErrorWritingTheCheckpointStateAfterTheSwitchIsReportedAndARollbackCarriesTheLiveStateBack() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("c", "x", 2);
        SwapRequest first = request(jar("example.cart.impl.v3"));
        first.probationMillis = 0; // committed at once: cp-1 is the last good checkpoint
        assertSwapped(container.swap(first));
        awaitNoTrial();
        // the next checkpoint's state file cannot be written: a folder stands where its temp file goes
        Files.createDirectories(store().resolve("cp-2.state.tmp").resolve("in-the-way")); // not empty: it cannot be cleared away
        SwapRequest next = request(variant("example.cart.impl.v3", "3.0.1"));
        next.probationMillis = 60_000;

        SwapReport report = container.swap(next);

        // nothing is written in the pause any more: the swap happened, and says what it could not keep
        assertSwapped(report);
        assertTrue(report.notes.toString(), report.notes.toString().contains("The state of checkpoint cp-2 could not be written"));
        assertEquals(Map.of("x", 2), cart.lines("c"));
        cart.add("c", "x", 1); // a write during the trial

        SwapRecord back = lifecycle.rollback();

        assertEquals(back.failure, RecordState.DONE, back.state);
        assertEquals("3.0.0", reference(CartService.class, null).getProperty("baton.facade.version"));
        assertEquals("the live state came back with the old version, the trial's write included", Map.of("x", 3), cart.lines("c"));
    }

    @Test
    public void withItsPinnedJarsDeletedTheRollbackUsesTheOldBundlesStillInstalled() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        SwapRequest r = request(jar("example.cart.impl.v3"));
        r.probationMillis = 60_000;
        assertSwapped(container.swap(r));
        deleteTree(store().resolve("pins"));

        SwapRecord rollback = lifecycle.rollback();

        assertEquals(rollback.failure, RecordState.DONE, rollback.state);
        assertEquals("2.0.0", reference(CartService.class, null).getProperty("baton.facade.version"));
    }

    @Test
    public void withoutItsPinnedJarAndWithoutTheOldBundleARollbackIsRefusedAndNothingChanges() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        SwapRequest r = request(jar("example.cart.impl.v3"));
        r.probationMillis = 0;
        assertSwapped(container.swap(r));
        awaitNoTrial(); // committed: 2.0.0 is uninstalled, only its pinned jar remains
        deleteTree(store().resolve("pins"));

        SwapRecord rollback = lifecycle.rollbackTo("cp-1");

        assertEquals(RecordState.FAILED, rollback.state);
        assertTrue(rollback.failure, rollback.failure.contains("io.baton.example.cart.impl 2.0.0 is no longer installed and its pinned jar"));
        assertTrue(rollback.failure, rollback.failure.contains("staying on the current set"));
        assertEquals("3.0.0", reference(CartService.class, null).getProperty("baton.facade.version"));
    }

    @Test
    public void aRollbackWhoseMigrationFailsStaysOnTheCurrentSetAndKeepsTheCheckpoint() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("c", "x", 2);
        SwapRequest r = request(SwapBadInputIT.fixture("7.6.0", "migrator-down-throws"));
        r.probationMillis = 60_000;
        assertSwapped(container.swap(r));
        cart.add("c", "x", 1);

        SwapRecord rollback = lifecycle.rollback();

        assertEquals(RecordState.FAILED, rollback.state);
        assertTrue(rollback.failure, rollback.failure.contains("fixture migrator fault") && rollback.failure.contains("staying on the current set"));
        assertEquals("7.6.0", reference(CartService.class, null).getProperty("baton.facade.version"));
        assertEquals("no write lost", Map.of("x", 3), cart.lines("c"));
        assertNotNull("still in TRIAL", lifecycle.trial());
        assertEquals("checkpoint kept", "cp-1", lifecycle.checkpoints().get(0).id);
    }

    private void awaitNoTrial() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (lifecycle.trial() != null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("committed", null, lifecycle.trial());
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertTrue(!Files.exists(dir));
    }
}
