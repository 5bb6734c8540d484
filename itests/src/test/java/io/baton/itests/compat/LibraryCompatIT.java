package io.baton.itests.compat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Apache Commons Lang 3.17.0 -> 3.18.0, a plain library (no services), imported by Apache Commons Text
 * 1.13.0. 3.18.0 exports its packages at 3.18.0, so the importer must be refreshed onto it: the plan
 * says so and names the closure, the swap needs {@code allowRefresh}, and a rollback may do what the
 * swap did: automatically for the swap in TRIAL, with {@code --allow-refresh} for an older checkpoint.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LibraryCompatIT extends CompatSupport {

    @Test
    public void aLibrarySwapRefreshesItsImporterAndItsRollbackMayToo() throws Exception {
        deploy("commons-lang3-3.17.0.jar", "commons-text-1.13.0.jar");
        Bundle text = context.getBundle(managed("org.apache.commons.text").id);
        // a consumer holding the library's code: what it loaded keeps working through every refresh
        Method capitalize = text.loadClass("org.apache.commons.text.WordUtils").getMethod("capitalize", String.class);
        Map<Long, String> runtime = runtime();

        try (Callers callers = new Callers("text", 2, () -> {
            if (!"Hot Swap".equals(capitalize.invoke(null, "hot swap"))) {
                throw new AssertionError("wrong answer");
            }
            return null;
        })) {
            SwapReport plan = container.plan(request("commons-lang3-3.18.0.jar", -1));
            assertEquals("refused without allowRefresh", SwapStatus.REFUSED, plan.status);
            assertTrue(plan.refreshClosure.toString(), plan.refreshClosure.stream().anyMatch(b -> b.startsWith("org.apache.commons.text ")));

            // swap with a refresh, then roll back the TRIAL: the rollback refreshes too, on its own
            SwapRequest swap = request("commons-lang3-3.18.0.jar", 600_000);
            swap.allowRefresh = true;
            SwapReport first = container.swap(swap);
            assertSwapped(first);
            assertEquals("3.18.0", managed("org.apache.commons.lang3").version);
            assertTrue(lifecycle.trial().refreshClosure.stream().anyMatch(b -> b.startsWith("org.apache.commons.text ")));
            SwapRecord back = lifecycle.rollback();
            assertEquals(back.failure, RecordState.DONE, back.state);
            assertEquals("3.17.0", managed("org.apache.commons.lang3").version);
            callers.awaitCalls(100);

            // swap again and commit; rolling back to that checkpoint by hand needs --allow-refresh
            SwapReport second = container.swap(swap);
            assertSwapped(second);
            assertEquals(RecordState.DONE, lifecycle.commit().state);
            SwapRecord refused = lifecycle.rollbackTo(checkpointOf(second));
            assertEquals(RecordState.FAILED, refused.state);
            assertTrue(refused.failure, refused.failure.contains("allow a refresh"));
            SwapRecord allowed = lifecycle.rollbackTo(checkpointOf(second), true);
            assertEquals(allowed.failure, RecordState.DONE, allowed.state);
            assertEquals("3.17.0", managed("org.apache.commons.lang3").version);
            callers.awaitCalls(100);
            assertEquals("no call failed: " + callers.firstFailure(), 0, callers.failures());
        }
        assertEquals("no runtime bundle in any refresh", runtime, runtime());
        assertNoRecovery();
    }
}
