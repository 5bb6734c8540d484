package io.baton.container.shell.internal.repo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Resource;

/** What a deploy installs, decided by the Felix resolver against a real (empty) Felix and a repository. */
public class DeployResolverTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Framework framework;
    private BundleContext context;

    @Before
    public void startFramework() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, tmp.newFolder("felix").getAbsolutePath());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("felix.resolver.parallelism", "1");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        framework.start();
        context = framework.getBundleContext();
    }

    @After
    public void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    private List<String> resolve(IndexRepository repository, Resource... targets) {
        return DeployResolver.resolve(context, List.of(targets), repository).stream().map(Resource::toString).collect(Collectors.toList());
    }

    @Test
    public void theNewestProviderThatCannotResolveIsPassedOverForAnOlderOneThatCan() {
        TestResources repo = new TestResources()
                .bundle("app", "1.0.0", List.of(), List.of("p;[1,3)"))
                .bundle("lib", "2.0.0", List.of("p;2.0.0"), List.of("gone;[1,2)"))
                .bundle("lib", "1.0.0", List.of("p;1.0.0"), List.of());

        assertEquals("the dependency first, then what needs it", List.of("lib 1.0.0", "app 1.0.0"),
                resolve(repo.repository(), repo.get("app", "1.0.0").resource));
    }

    @Test
    public void aUsesConflictIsResolvedByBacktrackingToTheOlderProviderAndTheNewerIsNotInstalled() {
        // app needs p and q; p's exporter uses q and only accepts q 1.x: app must take q 1.0 too, not the newest 2.0
        TestResources repo = new TestResources()
                .bundle("app", "1.0.0", List.of(), List.of("p;[1,2)", "q;[1,3)"))
                .bundle("lib.p", "1.0.0", List.of("p;1.0.0;uses=q"), List.of("q;[1,2)"))
                .bundle("lib.q", "2.0.0", List.of("q;2.0.0"), List.of())
                .bundle("lib.q1", "1.0.0", List.of("q;1.0.0"), List.of());

        List<String> installed = resolve(repo.repository(), repo.get("app", "1.0.0").resource);

        assertEquals(installed.toString(), List.of("lib.q1 1.0.0", "lib.p 1.0.0", "app 1.0.0"), installed);
    }

    @Test
    public void aFailureNamesTheChainOfMissingRequirements() {
        TestResources repo = new TestResources()
                .bundle("app", "1.0.0", List.of(), List.of("p;[1,2)"))
                .bundle("lib", "1.0.0", List.of("p;1.0.0"), List.of("r;[1,2)"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve(repo.repository(), repo.get("app", "1.0.0").resource));

        String m = e.getMessage();
        assertTrue(m, m.startsWith("Cannot deploy [app 1.0.0]: Unable to resolve app 1.0.0: missing requirement [app 1.0.0] osgi.wiring.package;"));
        assertTrue(m, m.contains("(osgi.wiring.package=p)"));
        assertTrue(m, m.contains("[caused by: Unable to resolve lib 1.0.0: missing requirement [lib 1.0.0] osgi.wiring.package; (&(osgi.wiring.package=r)"));
    }

    @Test
    public void whatTheFrameworkAlreadyProvidesIsUsedAndNothingIsPulledForAnOptionalRequirement() throws Exception {
        Bundle installed = context.installBundle("test:lib", jar("lib", "1.5.0", "p;version=1.5.0"));
        assertTrue(context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(installed)));
        BasicResource app = new BasicResource("app 1.0.0");
        app.capability("osgi.identity", Map.of("osgi.identity", "app", "version", org.osgi.framework.Version.parseVersion("1.0.0")), Map.of());
        app.requirement("osgi.wiring.package", Map.of(), Map.of("filter", "(&(osgi.wiring.package=p)(version>=1.0.0))"));
        app.requirement("osgi.wiring.package", Map.of(), Map.of("filter", "(osgi.wiring.package=extra)", "resolution", "optional"));
        TestResources repo = new TestResources()
                .bundle("lib", "2.0.0", List.of("p;2.0.0"), List.of())
                .bundle("extra", "1.0.0", List.of("extra;1.0.0"), List.of());

        assertEquals("the installed lib serves, the optional extra stays in the repository", List.of("app 1.0.0"),
                resolve(repo.repository(), app));
    }

    private static ByteArrayInputStream jar(String bsn, String version, String exports) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        m.getMainAttributes().putValue(Constants.BUNDLE_SYMBOLICNAME, bsn);
        m.getMainAttributes().putValue(Constants.BUNDLE_VERSION, version);
        m.getMainAttributes().putValue(Constants.EXPORT_PACKAGE, exports);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, m).close();
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
