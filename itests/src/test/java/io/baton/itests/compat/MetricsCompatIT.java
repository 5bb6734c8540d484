package io.baton.itests.compat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.ServiceChange;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.RecordState;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

/**
 * Apache Sling commons.metrics 1.2.6 -> 1.2.8: its DS component registers, from its activate method,
 * a bundle-scoped MetricsService and a Dropwizard MetricRegistry under its class. The plan says the
 * first is known only in STAGE (registered by code) and that the second cannot be held stable (no
 * facade for a class); the MetricsService facade keeps answering through swap, commit and rollback.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsCompatIT extends CompatSupport {
    private static final String SERVICE = "org.apache.sling.commons.metrics.MetricsService";

    @Test
    public void aClassRegisteredServiceIsNamedAsNotHeldStableAndTheRestSwapsUnderCalls() throws Exception {
        installPlain("metrics-core-3.2.6.jar");
        installPlain("org.apache.felix.inventory-1.1.0.jar");
        installPlain("commons-io-2.16.1.jar");
        deploy("org.apache.sling.commons.metrics-1.2.6.jar");
        ServiceReference<?> facade = facade(SERVICE);
        Object metrics = context.getService(facade);
        Map<Long, String> runtime = runtime();

        try (Callers callers = new Callers("metrics", 2, () -> call(call(metrics, "counter", "compat.calls"), "increment"))) {
            SwapReport plan = container.plan(request("org.apache.sling.commons.metrics-1.2.8.jar", -1));
            assertEquals(plan.failure, SwapStatus.PLANNED, plan.status);
            assertTrue(plan.notHeldStable.toString(), plan.notHeldStable.stream()
                    .anyMatch(s -> s.contains("com.codahale.metrics.MetricRegistry") && s.contains("registered under a class")));
            assertEquals(ServiceChange.Kind.UNKNOWN, plan.services.stream().filter(c -> c.identity.contains(SERVICE)).findFirst().orElseThrow().change);

            SwapReport swap = container.swap(request("org.apache.sling.commons.metrics-1.2.8.jar", 600_000));
            assertSwapped(swap);
            callers.awaitCalls(100);
            assertEquals(RecordState.DONE, lifecycle.commit().state);
            callers.awaitCalls(100);
            assertEquals(RecordState.DONE, lifecycle.rollbackTo(checkpointOf(swap)).state);
            assertEquals("1.2.6", managed("org.apache.sling.commons.metrics").version);
            callers.awaitCalls(100);
            assertEquals("no call failed: " + callers.firstFailure(), 0, callers.failures());
        }
        assertSame(facade, facade(SERVICE));
        assertEquals(runtime, runtime());
        assertNoRecovery();
    }
}
