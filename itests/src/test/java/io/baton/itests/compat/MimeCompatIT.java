package io.baton.itests.compat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * Apache Sling commons.mime 2.2.2 -> 2.2.4, a DS bundle with a substitutable export: it exports
 * org.apache.sling.commons.mime (its service's API) and imports it back. Staged beside 2.2.2, 2.2.4
 * takes the package from it, so nobody restarts: not at the swap, and not at the commit either (2.2.2
 * stays installed, stopped, as the package's provider); the plan says so beforehand.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MimeCompatIT extends CompatSupport {
    private static final String SERVICE = "org.apache.sling.commons.mime.MimeTypeService";

    private static long serviceId(Bundle b) {
        for (ServiceReference<?> r : b.getRegisteredServices()) {
            if (java.util.Arrays.asList((String[]) r.getProperty(Constants.OBJECTCLASS)).contains(SERVICE)) {
                return (Long) r.getProperty(Constants.SERVICE_ID);
            }
        }
        throw new AssertionError(b + " registers no " + SERVICE);
    }

    @Test
    public void swapCommitAndRollBackUnderCallsWithoutRestartingAnybody() throws Exception {
        installPlain("tika-core-1.28.5.jar");
        deploy("org.apache.sling.commons.mime-2.2.2.jar");
        ServiceReference<?> facade = facade(SERVICE);
        Object mime = context.getService(facade);
        assertEquals("text/plain", call(mime, "getMimeType", "a.txt"));
        Map<Long, String> runtime = runtime();

        try (Callers callers = new Callers("mime", 3, () -> {
            if (!"text/plain".equals(call(mime, "getMimeType", "a.txt"))) {
                throw new AssertionError("wrong answer");
            }
            return null;
        })) {
            // the plan tells the truth: no refresh, the package of the running version is used, state not carried
            SwapReport plan = container.plan(request("org.apache.sling.commons.mime-2.2.4.jar", -1));
            assertEquals(plan.failure, SwapStatus.PLANNED, plan.status);
            assertTrue("no refresh: " + plan.refreshClosure, plan.refreshClosure.isEmpty());
            assertTrue(plan.notes.toString(), plan.notes.stream().anyMatch(n -> n.contains("exports and imports org.apache.sling.commons.mime")
                    && n.contains("stays installed, stopped")));
            assertTrue(plan.stateNotCarried.toString(), plan.stateNotCarried.stream().anyMatch(s -> s.contains(SERVICE)));

            // swap, then commit: the new bundle is never restarted (same bundle, same service registration)
            SwapReport swap = container.swap(request("org.apache.sling.commons.mime-2.2.4.jar", 600_000));
            assertSwapped(swap);
            callers.awaitCalls(100);
            Bundle current = context.getBundle(managed("org.apache.sling.commons.mime").id);
            long serviceId = serviceId(current);
            SwapRecord commit = lifecycle.commit();
            assertEquals(RecordState.DONE, commit.state);
            assertTrue(commit.notes.toString(), commit.notes.stream().anyMatch(n -> n.contains("2.2.2") && n.contains("stays installed, stopped")));
            assertEquals(Bundle.ACTIVE, current.getState());
            assertEquals("the new version's service was not re-registered by a refresh", serviceId, serviceId(current));
            callers.awaitCalls(100);

            // roll back to the checkpoint after the commit: 2.2.2 is still installed, the fast path
            SwapRecord rollback = lifecycle.rollbackTo(checkpointOf(swap));
            assertEquals(rollback.failure, RecordState.DONE, rollback.state);
            assertEquals("2.2.2", managed("org.apache.sling.commons.mime").version);
            callers.awaitCalls(100);

            assertEquals("no call failed: " + callers.firstFailure(), 0, callers.failures());
            assertTrue(callers.calls() > 300);
        }
        assertSame("the facade reference never changed", facade, facade(SERVICE));
        assertEquals("the runtime untouched", runtime, runtime());
        assertNoRecovery();
    }
}
