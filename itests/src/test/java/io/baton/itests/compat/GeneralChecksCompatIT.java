package io.baton.itests.compat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.InactiveComponent;
import io.baton.container.core.ServiceChange;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.RecordKind;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import java.util.Hashtable;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Apache Felix health check general checks 3.0.2 -> 3.0.4: most components need a configuration
 * ({@code configuration-policy=require}). Deployed without one, they are inactive, and a swap does
 * not demand them of the next version (the plan lists them as not required); once configured and
 * active, they are required, and a rollback brings them back up.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GeneralChecksCompatIT extends CompatSupport {
    private static final String MEMORY = "org.apache.felix.hc.generalchecks.MemoryCheck";

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Test
    public void componentsInactiveForWantOfConfigurationAreNotRequiredThenRequiredOnceActive() throws Exception {
        installPlain("org.osgi.service.http-1.2.2.jar");
        deploy("org.apache.felix.healthcheck.generalchecks-3.0.2.jar");
        Map<Long, String> runtime = runtime();

        // no configuration: MemoryCheck is not active in 3.0.2, so 3.0.4 is not asked to bring it up
        SwapReport plan = container.plan(request("org.apache.felix.healthcheck.generalchecks-3.0.4.jar", -1));
        assertEquals(plan.failure, SwapStatus.PLANNED, plan.status);
        InactiveComponent memory = plan.inactiveComponents.stream().filter(c -> c.component.equals(MEMORY)).findFirst().orElseThrow();
        assertEquals("lacks its configuration", memory.reason);
        assertTrue(plan.services.toString(), plan.services.stream().anyMatch(c -> c.change == ServiceChange.Kind.INACTIVE && c.reason.contains(MEMORY)));
        SwapReport first = container.swap(request("org.apache.felix.healthcheck.generalchecks-3.0.4.jar", 200));
        assertSwapped(first); // before, STAGE waited for MemoryCheck and aborted: "did not register ... within 10000 ms"
        SwapRecord committed = awaitCommit(first.id);
        assertEquals("the probation did not count the unconfigured components against 3.0.4", RecordState.COMMITTED, committed.state);

        // configured: MemoryCheck becomes active in 3.0.4 and is called through its facade
        Configuration config = configurationAdmin.getConfiguration(MEMORY, "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("hc.tags", "compat");
        config.update(props);
        ServiceReference<?> facade = awaitFacade("(&(objectClass=org.apache.felix.hc.api.HealthCheck)(component.name=" + MEMORY + "))");
        Object check = context.getService(facade);
        assertNotNull(call(check, "execute"));

        try (Callers callers = new Callers("memory-check", 2, () -> call(check, "execute"))) {
            // back to 3.0.2: MemoryCheck is active in 3.0.4, so 3.0.2 must bring it up, and does (same configuration)
            SwapRecord rollback = lifecycle.rollbackTo(checkpointOf(first));
            assertEquals(rollback.failure, RecordState.DONE, rollback.state);
            assertEquals("3.0.2", managed("org.apache.felix.healthcheck.generalchecks").version);
            callers.awaitCalls(50);
            assertEquals("no call failed: " + callers.firstFailure(), 0, callers.failures());
        }
        assertSame(facade, awaitFacade("(&(objectClass=org.apache.felix.hc.api.HealthCheck)(component.name=" + MEMORY + "))"));
        assertEquals(runtime, runtime());
        assertNoRecovery();
        config.delete();
    }

    private SwapRecord awaitCommit(String swapId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (SwapRecord r : lifecycle.history(10)) {
                if (r.kind == RecordKind.SWAP && swapId.equals(r.swapId) && r.state != RecordState.TRIAL) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("swap " + swapId + " still in TRIAL: " + lifecycle.history(5));
    }

    private ServiceReference<?> awaitFacade(String filter) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(&(baton.facade=true)" + filter + ")");
            if (refs != null && refs.length == 1) {
                return refs[0];
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no facade " + filter);
            }
            Thread.sleep(20);
        }
    }
}
