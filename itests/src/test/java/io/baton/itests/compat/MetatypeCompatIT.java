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
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Apache Felix metatype 1.2.2 -> 1.2.4: it exports the OSGi metatype API, which Felix SCR imports
 * dynamically, and registers its MetaTypeService from a BundleActivator (no DS). Baton keeps SCR from
 * wiring to it, so swap, commit and rollback never put SCR (or anything of the runtime) in a refresh;
 * the plan says the activator's service is known only once the new version runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetatypeCompatIT extends CompatSupport {
    private static final String SERVICE = "org.osgi.service.metatype.MetaTypeService";

    @Test
    public void theRuntimeNeverWiresToItAndIsNeverRestarted() throws Exception {
        deploy("org.apache.felix.metatype-1.2.2.jar");
        ServiceReference<?> facade = facade(SERVICE);
        Object metatype = context.getService(facade);
        Bundle probe = context.getBundle();
        call(metatype, "getMetaTypeInformation", probe);
        assertNoRuntimeWireToManagedBundles();
        Map<Long, String> runtime = runtime();

        try (Callers callers = new Callers("metatype", 3, () -> call(metatype, "getMetaTypeInformation", probe))) {
            SwapReport plan = container.plan(request("org.apache.felix.metatype-1.2.4.jar", -1));
            assertEquals(plan.failure, SwapStatus.PLANNED, plan.status);
            ServiceChange change = plan.services.stream().filter(c -> c.identity.contains(SERVICE)).findFirst().orElseThrow();
            assertEquals("registered by its activator: VALIDATE cannot know", ServiceChange.Kind.UNKNOWN, change.change);

            SwapReport swap = container.swap(request("org.apache.felix.metatype-1.2.4.jar", 600_000));
            assertSwapped(swap);
            assertEquals("STAGE saw the activator register it again", ServiceChange.Kind.KEPT,
                    swap.services.stream().filter(c -> c.identity.contains(SERVICE)).findFirst().orElseThrow().change);
            callers.awaitCalls(100);
            assertEquals(RecordState.DONE, lifecycle.commit().state);
            callers.awaitCalls(100);
            assertEquals(RecordState.DONE, lifecycle.rollbackTo(checkpointOf(swap)).state);
            assertEquals("1.2.2", managed("org.apache.felix.metatype").version);
            callers.awaitCalls(100);
            assertEquals("no call failed: " + callers.firstFailure(), 0, callers.failures());
        }
        assertNoRuntimeWireToManagedBundles();
        assertSame(facade, facade(SERVICE));
        assertEquals("SCR and the rest of the runtime: same bundles, states and services", runtime, runtime());
        assertNoRecovery();
    }

    private void assertNoRuntimeWireToManagedBundles() {
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() == 0 || b.adapt(org.osgi.framework.startlevel.BundleStartLevel.class).getStartLevel() > 2) {
                continue;
            }
            BundleWiring wiring = b.adapt(BundleWiring.class);
            for (BundleWire w : wiring == null ? java.util.List.<BundleWire>of() : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
                assertTrue(b.getSymbolicName() + " is wired to managed " + w.getProvider().getBundle().getSymbolicName(),
                        !w.getProvider().getBundle().getLocation().startsWith("baton:managed:"));
            }
        }
    }
}
