package io.baton.itests.compat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import io.baton.container.core.SwapReport;
import io.baton.container.rollback.RecordState;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Apache Felix coordinator 1.0.0 -> 1.0.2: the OSGi Coordinator service from a bundle-scoped
 * ServiceFactory (each bundle gets its own Coordinator; a coordination belongs to the bundle that
 * created it), and the coordinator API, which ConfigAdmin imports dynamically. Through Baton's facade
 * each consumer still gets its own object, before and after the swap; ConfigAdmin is never wired to
 * the managed bundle, so nothing of the runtime restarts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoordinatorCompatIT extends CompatSupport {
    private static final String SERVICE = "org.osgi.service.coordinator.Coordinator";

    /** The bundle a new coordination belongs to, as the Coordinator object of this consumer records it. */
    private static Bundle owner(Object coordinator) throws Exception {
        Object coordination = call(coordinator, "create", "compat", 0L);
        try {
            return (Bundle) call(coordination, "getBundle");
        } finally {
            call(coordination, "end");
        }
    }

    @Test
    public void eachConsumerKeepsItsOwnCoordinatorAcrossSwapCommitAndRollback() throws Exception {
        deploy("org.apache.felix.coordinator-1.0.0.jar");
        ServiceReference<?> facade = facade(SERVICE);
        Bundle probe = context.getBundle();
        Bundle other = consumerBundle("io.baton.itests.compat.other");
        Object mine = context.getService(facade);
        Object theirs = other.getBundleContext().getService(facade);
        assertNotSame("one object per consumer bundle", mine, theirs);
        assertEquals("a coordination belongs to the consumer, not to Baton", probe, owner(mine));
        assertEquals(other, owner(theirs));
        Map<Long, String> runtime = runtime();

        // the callers only call the service: a Coordination it hands out belongs to the version that made it,
        // and fails with it when that version retires (objects a service returns are not behind a facade)
        try (Callers callers = new Callers("coordinator", 2, () -> {
            call(mine, "getCoordinations");
            return call(theirs, "peek");
        })) {
            SwapReport swap = container.swap(request("org.apache.felix.coordinator-1.0.2.jar", 600_000));
            assertSwapped(swap);
            assertEquals("the new version's object for each consumer", probe, owner(mine));
            assertEquals(other, owner(theirs));
            callers.awaitCalls(50);
            assertEquals(RecordState.DONE, lifecycle.commit().state);
            callers.awaitCalls(50);
            assertEquals(RecordState.DONE, lifecycle.rollbackTo(checkpointOf(swap)).state);
            assertEquals("1.0.0", managed("org.apache.felix.coordinator").version);
            callers.awaitCalls(50);
            assertEquals("no call failed: " + callers.firstFailure(), 0, callers.failures());
        }
        assertEquals("after swap, commit and rollback, still one object per consumer", probe, owner(mine));
        assertEquals(other, owner(theirs));
        assertSame(facade, facade(SERVICE));
        assertEquals("ConfigAdmin and the rest of the runtime untouched", runtime, runtime());
        assertNoRecovery();
    }
}
