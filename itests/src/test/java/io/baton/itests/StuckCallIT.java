package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.example.cart.api.CartService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** A call that never returns in time aborts the swap at drainTimeout; it is reported, never failed. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StuckCallIT extends SwapTestSupport {

    @Test
    public void aCallThatNeverReturnsAbortsAtDrainTimeoutAndIsReported() throws Exception {
        // the fixture serves; a call sleeps inside it for 3 s
        deploy(SwapBadInputIT.fixture("7.2.0", "none"));
        CartService cart = service(CartService.class, "");
        cart.add("d", "y", 1);
        CompletableFuture<Integer> stuck = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                stuck.complete(cart.add("d", "sleep:3000", 1));
            } catch (Throwable t) {
                stuck.completeExceptionally(t);
            }
        }, "stuck-caller");
        caller.start();
        Thread.sleep(200);

        SwapRequest r = request(SwapBadInputIT.fixture("7.2.1", "none"));
        r.drainTimeoutMillis = 300;
        SwapReport report = container.swap(r);

        assertEquals(SwapStatus.ABORTED, report.status);
        assertEquals(SwapPhase.QUIESCE, report.failedPhase);
        assertTrue(report.failure, report.failure.contains("drainTimeout of 300 ms"));
        assertTrue(report.stuckCalls.toString(), report.stuckCalls.toString().contains("thread 'stuck-caller' in CartService.add"));
        assertEquals("7.2.0", reference(CartService.class, null).getProperty("baton.facade.version"));
        assertEquals("the gate reopened: calls flow", 2, cart.add("d", "y", 1));
        assertEquals("the stuck call completed normally, it was never failed", Integer.valueOf(1), stuck.get(10, TimeUnit.SECONDS));
    }
}
