package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.SwapInProgressException;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.example.cart.api.CartService;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** One swap at a time: a second request fails fast, the first goes on unaffected. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OneSwapAtATimeIT extends SwapTestSupport {

    @Test
    public void aSecondSwapWhileOneRunsFailsFastAndTheFirstIsUnaffected() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        cart.add("c", "x", 2);
        SwapRequest slow = request(SwapBadInputIT.fixture("7.1.0", "migrator-slow"));
        slow.migrationTimeoutMillis = 1500;
        CompletableFuture<SwapReport> first = CompletableFuture.supplyAsync(() -> container.swap(slow));
        Thread.sleep(700); // inside the slow migrator by now

        long t0 = System.nanoTime();
        try {
            container.swap(request(jar("example.cart.impl.v3")));
            fail("a second swap must be refused");
        } catch (SwapInProgressException e) {
            assertTrue("fails fast, without waiting for the running swap", System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(1000));
            assertTrue(e.getMessage(), e.getMessage().matches("Cannot swap: swap swap-\\d+ is in phase (VALIDATE|STAGE|QUIESCE|TRANSFER); Baton runs one swap at a time"));
        }
        try {
            container.plan(request(jar("example.cart.impl.v3")));
            fail("a plan during a swap must be refused");
        } catch (SwapInProgressException expected) {
            // as documented
        }

        SwapReport report = first.get(10, TimeUnit.SECONDS);
        assertEquals(SwapStatus.ABORTED, report.status);
        assertEquals(Map.of("x", 2), cart.lines("c"));
    }
}
