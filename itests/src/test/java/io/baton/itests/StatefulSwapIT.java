package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.MigrationInfo;
import io.baton.container.core.SwapReport;
import io.baton.example.cart.api.CartService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/** The cart swapped 1.0.0 -> 3.0.0 in one swap (migrators 1->2->3) while four threads add items. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StatefulSwapIT extends SwapTestSupport {

    @Test
    public void everyAcknowledgedWriteSurvivesAChainOfMigrations() throws Exception {
        // cart 1.0.0 managed; the cart shell (static mandatory reference) installed as a plain bundle
        deploy(jar("example.cart.impl.v1"));
        Bundle shell = context.installBundle(jar("example.cart.shell").toUri().toString());
        shell.start();
        ServiceReference<?> shellBefore = awaitReference("(osgi.command.scope=cart)");
        AtomicInteger shellEvents = new AtomicInteger();
        ServiceListener watch = e -> {
            if (e.getType() != ServiceEvent.MODIFIED) {
                shellEvents.incrementAndGet();
            }
        };
        context.addServiceListener(watch, "(osgi.command.scope=cart)");
        CartService cart = service(CartService.class, "");
        ServiceReference<?> facadeBefore = reference(CartService.class, null);
        cart.add("before", "a", 2);

        // four writers, swap to 3.0.0 while they run
        SwapReport report;
        CartLoad load = new CartLoad(cart, 4, 3000);
        try {
            Thread.sleep(150);
            report = swap(jar("example.cart.impl.v3"));
            Thread.sleep(150);
        } finally {
            load.close();
        }
        context.removeServiceListener(watch);

        assertSwapped(report);
        assertEquals("no call failed: " + load.failures, List.of(), load.failures);
        assertTrue("load ran: " + load.calls, load.calls.get() > 100);
        for (Map.Entry<String, Map<String, Integer>> e : load.expected().entrySet()) {
            assertEquals("cart " + e.getKey() + ": every acknowledged add, once", e.getValue(), cart.lines(e.getKey()));
        }
        assertEquals(Map.of("a", 2), cart.lines("before"));
        assertEquals(1, report.migrations.size());
        MigrationInfo m = report.migrations.get(0);
        assertEquals("cart", m.stateType);
        assertEquals(List.of("1->2", "2->3"), m.chain);
        assertTrue("state bytes measured: " + report.stateBytes, report.stateBytes > 0 && m.bytes == report.stateBytes);
        assertEquals("3.0.0", reference(CartService.class, null).getProperty("baton.facade.version"));
        assertEquals("same facade registration", facadeBefore, reference(CartService.class, null));
        assertEquals("the shell (a consumer) was never unregistered or re-registered", 0, shellEvents.get());
        assertEquals(shellBefore, awaitReference("(osgi.command.scope=cart)"));
    }

    private ServiceReference<?> awaitReference(String filter) throws Exception {
        awaitService(filter, 10_000);
        return context.getServiceReferences((String) null, filter)[0];
    }
}
