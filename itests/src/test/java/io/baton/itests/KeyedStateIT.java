package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.baton.container.core.SwapInProgressException;
import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.Lifecycle;
import io.baton.example.cart.api.CartService;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * Keyed state (issue 13 item 5): the carts are {@code KeyedState}, so a swap pre-copies their lines
 * while the old version serves and moves in the pause only what changed since. The bad inputs: a
 * change report that misses a write, and a rollback asked for while the pre-copy runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class KeyedStateIT extends SwapTestSupport {

    @Inject
    private Lifecycle lifecycle;

    private void commitTrial() {
        if (lifecycle.trial() != null) {
            lifecycle.commit();
        }
    }

    @Test
    public void aChangeReportThatMissesAWriteAbortsTheSwapAndTheOldVersionKeepsItsState() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("c1", "a", 2);
        cart.add("c1", "lied", 1);
        // to the lying fixture: its predecessor (2.0.0) reports honestly, so this swap goes through
        SwapReport in = swap(SwapBadInputIT.fixture("7.2.0", "keyed-lies"));
        assertSwapped(in);
        assertTrue("keyed path: " + in.notes, in.notes.stream().anyMatch(n -> n.contains("pre-copied (keyed)")));
        commitTrial();

        // away from it: its read of the "lied" line adds one (a write racing the copy) that changedSince never reports
        SwapReport out = swap(jar("example.cart.impl.v2"));

        assertEquals(out.failure, SwapStatus.ABORTED, out.status);
        assertEquals(SwapPhase.TRANSFER, out.failedPhase);
        assertTrue(out.failure, out.failure.contains("missed a write"));
        assertEquals("the fixture still serves", "7.2.0", managedVersions().get("io.baton.example.cart.impl"));
        assertEquals("its state, the racing write included, is where it was", new TreeMap<>(Map.of("a", 2, "lied", 2)), cart.lines("c1"));
    }

    @Test
    public void aRollbackAskedForDuringPreCopyIsRefusedAndTheSwapKeepsEveryAcknowledgedWrite() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        for (int i = 0; i < 60; i++) {
            cart.add("c" + i, "a", i + 1);
        }
        assertSwapped(swap(jar("example.cart.impl.v3"))); // checkpoint 1: the set with 2.0.0
        commitTrial();
        String checkpoint = lifecycle.checkpoints().get(0).id;

        // 3.0.0 -> fixture 7.3.0 (3->2->7, entries migrated one by one, 40 ms each): a pre-copy of over 2 s
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                cart.add("writer", "w", 1);
                acknowledged.incrementAndGet();
            }
        });
        java.nio.file.Path slow = SwapBadInputIT.fixture("7.3.0", "entry-slow");
        CompletableFuture<SwapReport> swap = CompletableFuture.supplyAsync(() -> container.swap(request(slow)));
        Thread.sleep(1_000); // inside the pre-copy by now

        try {
            lifecycle.rollbackTo(checkpoint);
            fail("a rollback during a swap's pre-copy must be refused");
        } catch (SwapInProgressException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("is in phase QUIESCE (pre-copy of state cart of"));
        }

        SwapReport report = swap.get(60, TimeUnit.SECONDS);
        writing.set(false);
        writer.get(10, TimeUnit.SECONDS);
        assertSwapped(report);
        assertTrue("keyed path: " + report.notes, report.notes.stream().anyMatch(n -> n.contains("pre-copied (keyed)")));
        assertEquals("7.3.0", managedVersions().get("io.baton.example.cart.impl"));
        for (int i = 0; i < 60; i++) {
            assertEquals(Map.of("a", i + 1), cart.lines("c" + i));
        }
        assertEquals("every acknowledged write survives the pre-copy and the pause", Map.of("w", acknowledged.get()), cart.lines("writer"));
        assertEquals("the refused rollback changed nothing: the trial is the swap's", report.id, lifecycle.trial().swapId);
    }
}
