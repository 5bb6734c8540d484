package io.baton.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** JMX (what JConsole shows) and the lifecycle events on EventAdmin. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ManagementIT extends SwapTestSupport {

    @Test
    public void theMBeanShowsTheContainerAndSwapsAndTheLifecycleIsPostedOnEventAdmin() throws Exception {
        List<String> topics = new ArrayList<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "io/baton/lifecycle/*");
        ServiceRegistration<EventHandler> listener = context.registerService(EventHandler.class, e -> {
            synchronized (topics) {
                topics.add(e.getTopic() + " " + e.getProperty("swap.id"));
            }
        }, props);
        deploy(jar("example.cart.impl.v2"));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("io.baton:type=Container,*"), null);
        assertEquals(names.toString(), 1, names.size());
        ObjectName baton = names.iterator().next();

        assertArrayEquals(new String[] {"io.baton.example.cart.impl 2.0.0"}, (String[]) server.getAttribute(baton, "ManagedBundles"));
        assertEquals("none", server.getAttribute(baton, "Trial"));
        String[] v3 = {jar("example.cart.impl.v3").toString()};
        String plan = (String) server.invoke(baton, "plan", new Object[] {v3}, new String[] {String[].class.getName()});
        assertTrue(plan, plan.contains("\"status\":\"PLANNED\""));
        String swap = (String) server.invoke(baton, "swap", new Object[] {v3, 60_000L}, new String[] {String[].class.getName(), "long"});
        assertTrue(swap, swap.contains("\"status\":\"SWAPPED\""));
        assertTrue((String) server.getAttribute(baton, "Trial"), ((String) server.getAttribute(baton, "Trial")).startsWith("swap-"));
        String rollback = (String) server.invoke(baton, "rollback", new Object[0], new String[0]);
        assertTrue(rollback, rollback.contains("\"state\":\"DONE\""));
        assertEquals("cp-1", server.getAttribute(baton, "LastCheckpoint"));

        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            synchronized (topics) {
                if (topics.size() >= 2) {
                    break;
                }
            }
            Thread.sleep(10);
        }
        listener.unregister();
        synchronized (topics) {
            String id = swap.replaceAll("(?s).*\"id\":\"(swap-\\d+)\".*", "$1");
            assertEquals(List.of("io/baton/lifecycle/TRIAL " + id, "io/baton/lifecycle/ROLLED_BACK " + id), topics);
        }
    }
}
