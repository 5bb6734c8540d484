package io.baton.itests;

import static org.junit.Assert.assertEquals;

import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapStatus;
import io.baton.example.cart.api.CartService;
import java.util.Map;
import java.util.function.Function;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Several bundles in one swap: all switch, or none does. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AtomicSwapIT extends SwapTestSupport {

    @Test
    public void twoBundlesSwapTogetherAndAFailureOfTheSecondLeavesBothOldOnesServing() throws Exception {
        deploy(jar("example.echo"), jar("example.cart.impl.v2"));
        @SuppressWarnings("unchecked")
        Function<String, String> echo = service(Function.class, "(echo=true)");
        CartService cart = service(CartService.class, "");
        cart.add("c", "a", 5);
        Map<String, String> before = managedVersions();

        // the second target fails in STAGE: nothing changes, the first one is undone too
        SwapReport failed = swap(variant("example.echo", "2.0.0"), SwapBadInputIT.fixture("7.3.0", "activate"));
        assertEquals(SwapStatus.ABORTED, failed.status);
        assertEquals(SwapPhase.STAGE, failed.failedPhase);
        assertEquals(before, managedVersions());
        assertEquals("1.0.0:x", echo.apply("x"));
        assertEquals(Map.of("a", 5), cart.lines("c"));

        // both at once
        SwapReport report = swap(variant("example.echo", "2.0.0"), jar("example.cart.impl.v3"));
        assertSwapped(report);
        assertEquals(2, report.targets.size());
        assertEquals(Map.of("io.baton.example.echo", "2.0.0", "io.baton.example.cart.impl", "3.0.0"), managedVersions());
        assertEquals("2.0.0:x", echo.apply("x"));
        assertEquals(Map.of("a", 5), cart.lines("c"));
    }
}
