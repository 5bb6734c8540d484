package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.felix.bundlerepository.DataModelHelper;
import org.apache.felix.bundlerepository.RepositoryAdmin;
import org.apache.felix.bundlerepository.Resource;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Deploys by name resolved by the Felix resolver against the framework and the repositories: from the
 * legacy OBR repository.xml that maven-bundle-plugin writes, with dependencies that need backtracking,
 * and a failure that names the chain of missing requirements.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RepositoryResolveIT extends SwapTestSupport {

    @Inject
    CommandProcessor processor;

    @Inject
    RepositoryAdmin obr;

    private Gogo gogo;

    /** Without the example API installed: deploying the cart by name must bring it. */
    @Override
    @Configuration
    public Option[] config() {
        return new Option[] {baseConfiguration()};
    }

    @Before
    public void shell() throws Exception {
        awaitService("(&(osgi.command.scope=baton)(osgi.command.function=repo-add))", 10_000);
        gogo = new Gogo(processor);
    }

    /** The repository.xml maven-bundle-plugin writes: it indexes jars with bundlerepository's own model and writer. */
    private String obrRepository(Path folder, Path... jars) throws Exception {
        DataModelHelper helper = obr.getHelper();
        List<Resource> resources = new ArrayList<>();
        for (Path jar : jars) {
            Path copy = Files.copy(jar, folder.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            resources.add(helper.createResource(copy.toUri().toURL()));
        }
        Path xml = folder.resolve("repository.xml");
        Files.writeString(xml, helper.writeRepository(helper.repository(resources.toArray(new Resource[0]))));
        return xml.toUri().toString();
    }

    @Test
    public void aDeployFromALegacyObrRepositoryXmlBringsWhatTheNamedBundleNeedsCheckedBySize() throws Exception {
        Path folder = workFolder("obr");
        String repository = obrRepository(folder, jar("example.cart.api"), jar("example.cart.impl.v1"), jar("example.cart.impl.v2"));
        assertTrue(gogo.run("baton:repo-add " + repository), gogo.run("baton:repos").contains("OBR repository.xml"));

        // the cart by name: its API comes along from the same repository, both managed
        String deployed = gogo.run("baton:deploy io.baton.example.cart.impl@1.0.0");

        assertTrue(deployed, deployed.startsWith("Deployed 2 bundles"));
        Map<String, String> managed = managedVersions();
        assertEquals("1.0.0", managed.get("io.baton.example.cart.api"));
        assertEquals("1.0.0", managed.get("io.baton.example.cart.impl"));
        awaitService("(objectClass=io.baton.example.cart.api.CartService)", 10_000);

        // the format carries no digest: a jar whose size is not the repository's is refused
        Files.write(folder.resolve(jar("example.cart.impl.v2").getFileName()), new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        gogo.fails("baton:plan io.baton.example.cart.impl@2.0.0", "the repository says", "refused, nothing installed");
    }

    @Test
    public void dependenciesThatNeedBacktrackingResolveToWhatTheFrameworkWiresAndAFailureNamesTheChain() throws Exception {
        Path base = jar("example.cart.api");
        String index = new TestRepository(workFolder("backtrack"), base)
                // app needs p and q; p's newest exporter needs a package nobody has, the older one uses q 1.x
                .bundle("test.app", "1.0.0", List.of(), List.of("test.p;[1,2)", "test.q;[1,3)"))
                .bundle("test.lib.p", "1.1.0", List.of("test.p;1.1.0"), List.of("test.gone;[1,2)"))
                .bundle("test.lib.p", "1.0.0", List.of("test.p;1.0.0;test.q"), List.of("test.q;[1,2)"))
                .bundle("test.lib.q", "2.0.0", List.of("test.q;2.0.0"), List.of())
                .bundle("test.lib.q", "1.0.0", List.of("test.q;1.0.0"), List.of())
                // a chain: broken needs mid, mid needs what nobody has
                .bundle("test.broken", "1.0.0", List.of(), List.of("test.mid;[1,2)"))
                .bundle("test.mid", "1.0.0", List.of("test.mid;1.0.0"), List.of("test.nowhere;[1,2)"))
                .writeIndex();
        gogo.run("baton:repo-add " + index);

        String deployed = gogo.run("baton:deploy test.app");

        assertTrue(deployed, deployed.startsWith("Deployed 3 bundles"));
        Map<String, String> managed = managedVersions();
        assertEquals("1.0.0", managed.get("test.lib.p"));
        assertEquals("q 1.x, not the newest: p uses q", "1.0.0", managed.get("test.lib.q"));
        Bundle app = bundle("test.app");
        assertEquals("every bundle deployed is ACTIVE, so the framework wired it", Bundle.ACTIVE, app.getState());
        for (BundleWire w : app.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package")) {
            assertEquals("the framework wired app to what the deploy installed", "1.0.0", w.getProvider().getBundle().getVersion().toString());
        }
        assertFalse("q 2.0.0 not installed", List.of(context.getBundles()).stream()
                .anyMatch(b -> b.getSymbolicName().equals("test.lib.q") && b.getVersion().getMajor() == 2));

        int bundles = context.getBundles().length;
        gogo.fails("baton:deploy test.broken", "Unable to resolve test.broken 1.0.0: missing requirement [test.broken 1.0.0] osgi.wiring.package;",
                "[caused by: Unable to resolve test.mid 1.0.0: missing requirement [test.mid 1.0.0] osgi.wiring.package; (&(osgi.wiring.package=test.nowhere)");
        assertEquals("nothing installed", bundles, context.getBundles().length);
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
