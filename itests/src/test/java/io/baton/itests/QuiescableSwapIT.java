package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.SwapReport;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A component with a thread of its own is suspended before its state is exported and the new one
 * before its state is imported, then resumed; every phase is posted on EventAdmin.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class QuiescableSwapIT extends SwapTestSupport {

    @Test
    public void theTickerIsSuspendedAroundTheTransferAndKeepsCountingAfter() throws Exception {
        deploy(jar("example.ticker"));
        @SuppressWarnings("unchecked")
        Supplier<Map<String, Object>> ticker = service(Supplier.class, "(ticker=true)");
        Thread.sleep(100);
        long before = ticks(ticker.get());
        assertTrue("ticking on its own: " + before, before > 0);
        List<String> topics = new ArrayList<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "io/baton/swap/*");
        ServiceRegistration<EventHandler> listener = context.registerService(EventHandler.class, e -> {
            synchronized (topics) {
                topics.add(e.getTopic());
            }
        }, props);

        SwapReport report = swap(variant("example.ticker", "2.0.0"));
        Thread.sleep(100);

        assertSwapped(report);
        Map<String, Object> after = ticker.get();
        assertEquals("state exported while the old thread ran: " + after, 0L, after.get("exportedWhileRunning"));
        assertEquals("state imported while the new thread ran: " + after, 0L, after.get("importedWhileRunning"));
        assertEquals("resumed after the switch", Boolean.TRUE, after.get("running"));
        long continued = ticks(after);
        assertTrue("the count went on from the old one: " + before + " -> " + continued, continued > before);
        Thread.sleep(50);
        assertTrue("and keeps going", ticks(ticker.get()) > continued);

        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline && !topicsContain(topics, "io/baton/swap/SWAPPED")) {
            Thread.sleep(10);
        }
        listener.unregister();
        synchronized (topics) {
            assertEquals(List.of("io/baton/swap/VALIDATE", "io/baton/swap/STAGE", "io/baton/swap/QUIESCE", "io/baton/swap/TRANSFER",
                    "io/baton/swap/SWITCH", "io/baton/swap/RETIRE", "io/baton/swap/SWAPPED"), topics);
        }
    }

    private static boolean topicsContain(List<String> topics, String topic) {
        synchronized (topics) {
            return topics.contains(topic);
        }
    }

    private static long ticks(Map<String, Object> status) {
        return ((Number) status.get("ticks")).longValue();
    }
}
