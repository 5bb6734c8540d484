package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.Container;
import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A managed API bundle whose new version would change the classes its consumers see: the plan says
 * so with the refresh closure, and the swap is refused. (No cart type is named here: the API bundle
 * is deployed inside the test.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClassSpaceIT extends BatonTestSupport {

    @Inject
    Container container;

    @Configuration
    @Override
    public Option[] config() {
        return new Option[] {baseConfiguration()};
    }

    @Test
    public void anApiChangeThatNeedsARefreshIsPlannedAsSuchAndRefused() throws Exception {
        container.deploy(List.of(SwapTestSupport.jar("example.cart.api").toString(), SwapTestSupport.jar("example.cart.impl.v2").toString()));
        Map<String, String> before = versions();
        // 2.0.0 of the API exports its package at 2.0.0 and no longer imports it: consumers keep 1.0.0
        Path api2 = JarVariants.of(SwapTestSupport.jar("example.cart.api")).version("2.0.0")
                .header("Export-Package", "io.baton.example.cart.api;version=\"2.0.0\"").header("Import-Package", null)
                .writeTo(SwapTestSupport.workFile("api2"));

        SwapReport plan = container.plan(SwapRequest.of(api2.toString()));
        assertEquals(SwapStatus.REFUSED, plan.status);
        assertEquals(SwapPhase.VALIDATE, plan.failedPhase);
        assertTrue(plan.failure, plan.failure.contains("io.baton.example.cart.api 1.0.0 (used by io.baton.example.cart.impl)"));
        assertTrue(plan.failure, plan.failure.contains("allow a refresh"));
        assertTrue("the closure names the consumer: " + plan.refreshClosure,
                plan.refreshClosure.contains("io.baton.example.cart.impl 2.0.0") && plan.refreshClosure.contains("io.baton.example.cart.api 1.0.0"));

        SwapRequest allow = SwapRequest.of(api2.toString());
        allow.allowRefresh = true;
        SwapReport swap = container.swap(allow);
        assertEquals(SwapStatus.REFUSED, swap.status);
        assertTrue(swap.failure, swap.failure.contains("refreshing consumers within a swap is not supported yet"));
        assertEquals("nothing changed", before, versions());
    }

    private Map<String, String> versions() {
        Map<String, String> v = new TreeMap<>();
        container.managed().forEach(b -> v.put(b.symbolicName, b.version + " " + b.state));
        return v;
    }
}
