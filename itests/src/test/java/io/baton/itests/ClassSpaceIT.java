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
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * A managed API bundle whose new version would change the classes its consumers see: the plan says
 * so with the refresh closure, and the swap is refused. (No cart type is named here: the API bundle
 * is deployed inside the test.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
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
        assertTrue(swap.failure, swap.failure.contains("io.baton.example.cart.impl imports io.baton.example.cart.api as")
                && swap.failure.contains("even a refresh cannot rewire it"));
        assertEquals("nothing changed", before, versions());
    }

    @Test
    public void anAllowedRefreshRestartsTheConsumersOnTheNewApiWithTheirState() throws Exception {
        if (container.managed().stream().noneMatch(b -> b.symbolicName.equals("io.baton.example.cart.api"))) {
            container.deploy(List.of(SwapTestSupport.jar("example.cart.api").toString(), SwapTestSupport.jar("example.cart.impl.v2").toString()));
        }
        Object cart = awaitService("(objectClass=io.baton.example.cart.api.CartService)", 10_000);
        cart.getClass().getMethod("add", String.class, String.class, int.class).invoke(cart, "c", "x", 4);
        // 1.0.5 exports its own copy of the package (no import): consumers keep 1.0.0 classes unless refreshed
        Path api105 = JarVariants.of(SwapTestSupport.jar("example.cart.api")).version("1.0.5")
                .header("Export-Package", "io.baton.example.cart.api;version=\"1.0.5\"").header("Import-Package", null)
                .writeTo(SwapTestSupport.workFile("api105"));
        SwapRequest r = SwapRequest.of(api105.toString());
        r.allowRefresh = true;
        r.probationMillis = 0;

        SwapReport report = container.swap(r);

        assertEquals(report.failure, SwapStatus.SWAPPED, report.status);
        assertTrue(report.notes.toString(), report.notes.toString().contains("the consumers restart on the new API"));
        assertEquals("1.0.5", versions().get("io.baton.example.cart.api").split(" ")[0]);
        Object after = awaitService("(objectClass=io.baton.example.cart.api.CartService)", 10_000);
        assertEquals("the consumer now sees the new API classes", "1.0.5",
                org.osgi.framework.FrameworkUtil.getBundle(after.getClass().getInterfaces()[0]).getVersion().toString());
        Object lines = after.getClass().getMethod("lines", String.class).invoke(after, "c");
        assertEquals("the restarted consumer got its state back", Map.of("x", 4), lines);
    }

    private Map<String, String> versions() {
        Map<String, String> v = new TreeMap<>();
        container.managed().forEach(b -> v.put(b.symbolicName, b.version + " " + b.state));
        return v;
    }
}
