package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.ContainerStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The container starts with the runtime assembly and reports itself truthfully. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ContainerIT extends BatonTestSupport {
    static final List<String> CONTAINER_BUNDLES = List.of(
            "io.baton.container.core", "io.baton.container.statexfer",
            "io.baton.container.rollback", "io.baton.container.shell");

    @Inject
    Container container;

    @Test
    public void statusListsEveryContainerBundleActive() {
        ContainerStatus status = container.status();

        assertEquals("org.apache.felix.framework", status.framework);
        assertTrue(status.frameworkVersion, status.frameworkVersion.startsWith("7."));
        Map<String, BundleInfo> bySymbolicName = status.bundles.stream()
                .filter(b -> b.symbolicName != null)
                .collect(Collectors.toMap(b -> b.symbolicName, Function.identity(), (a, b) -> a));
        for (String name : CONTAINER_BUNDLES) {
            BundleInfo info = bySymbolicName.get(name);
            assertNotNull(name + " is installed", info);
            assertEquals(name + " is ACTIVE", "ACTIVE", info.state);
        }
    }

    @Test
    public void statusMatchesTheFrameworkBundleForBundle() {
        ContainerStatus status = container.status();
        Bundle[] bundles = context.getBundles();

        assertEquals(bundles.length, status.bundles.size());
        for (int i = 1; i < status.bundles.size(); i++) {
            assertTrue("ordered by id", status.bundles.get(i - 1).id < status.bundles.get(i).id);
        }
        for (BundleInfo info : status.bundles) {
            Bundle b = context.getBundle(info.id);
            assertEquals(b.getSymbolicName(), info.symbolicName);
            assertEquals(b.getVersion().toString(), info.version);
            assertEquals(b.getLocation(), info.location);
        }
    }

    @Test
    public void theApiPackageIsSharedThroughTheSystemBundle() {
        // The host's Container class is the bundles' Container class: embedding hosts rely on it.
        Bundle exporter = FrameworkUtil.getBundle(Container.class);
        assertTrue("Container comes from the class path, got " + exporter,
                exporter == null || exporter.getBundleId() == 0);
    }
}
