package io.baton.karaf.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Baton in a real Apache Karaf 4.4 distribution, as a Karaf user installs it: the feature repository
 * added and the {@code baton} feature installed from Karaf's shell, then the example cart deployed,
 * filled, swapped (its state carried across) and committed with Baton's commands in that same shell.
 * Karaf resolves everything from this build's repository and the local Maven repository; nothing is
 * downloaded.
 *
 * <p>The test class names only OSGi and Karaf shell types: Baton's own bundles are installed during
 * the test, so the probe must not load their classes up front.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafIT {
    /** Baton's bundles start at this level, below Karaf's default bundle start level (80) where deployed bundles land. */
    private static final String RUNTIME_LEVEL = "75";
    private static final String MVN_CFG = "etc/org.ops4j.pax.url.mvn.cfg";

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessions;

    @Configuration
    public Option[] config() {
        String localRepository = System.getProperty("org.ops4j.pax.url.mvn.localRepository");
        String batonRepository = Path.of(System.getProperty("baton.karaf.repo")).toUri().toString();
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(maven().groupId("org.apache.karaf").artifactId("apache-karaf").type("tar.gz")
                            .version(System.getProperty("baton.karaf.version")))
                    .unpackDirectory(Path.of(System.getProperty("baton.karaf.work")).toFile())
                    .useDeployFolder(false).name("Apache Karaf"),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            // offline: the distribution's system repository, this build's repository and the local one; no remote
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.repositories", ""),
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.localRepository", localRepository),
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.defaultRepositories",
                    "${karaf.home.uri}system@id=system.repository@snapshots," + batonRepository + "@id=baton@snapshots"),
            // offline, two optional SCR management bundles cannot be had (see the file)
            replaceConfigurationFile("etc/org.apache.karaf.features.xml", resource("karaf/org.apache.karaf.features.xml")),
            // what a Karaf user sets once: the start level of Baton's bundles (docs/operations.md)
            editConfigurationFilePut("etc/custom.properties", "baton.runtime.startlevel", RUNTIME_LEVEL),
            systemProperty("baton.karaf.bundles").value(System.getProperty("baton.karaf.bundles")),
            systemProperty("baton.version").value(System.getProperty("baton.version")),
        };
    }

    private static File resource(String name) {
        try {
            return new File(KarafIT.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(name, e);
        }
    }

    /**
     * Runs a command in a Karaf shell session as the user {@code karaf} with the role {@code admin}
     * (Karaf's command ACLs hide {@code feature:install} from anyone else); returns what it printed and its result.
     */
    private String karaf(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(InputStream.nullInputStream(), out, out);
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("karaf"));
        admin.getPrincipals().add(new RolePrincipal("admin"));
        try {
            Object result = Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
            return bytes.toString(StandardCharsets.UTF_8) + (result == null ? "" : String.valueOf(result));
        } catch (PrivilegedActionException e) {
            // Karaf's exceptions cannot travel to the test runner (their classes are not there): their text can
            throw new IllegalStateException(command + ": " + e.getException(), null);
        } finally {
            session.close();
        }
    }

    /** Karaf registers commands as their services appear: retries while the command is not there yet. */
    private String karafWhenReady(String command) throws Exception {
        for (int i = 0; ; i++) {
            try {
                return karaf(command);
            } catch (Exception e) {
                if (i == 200 || !String.valueOf(e.getMessage()).contains("Command not found")) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static String jar(String name) {
        return Path.of(System.getProperty("baton.karaf.bundles"), name + ".jar").toString();
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    @Test
    public void installedAsAKarafFeatureBatonDeploysSwapsAndCommitsTheCartFromKarafsShell() throws Exception {
        // as a Karaf user installs it
        karafWhenReady("feature:repo-add mvn:io.baton/karaf.features/" + System.getProperty("baton.version") + "/xml/features");
        karafWhenReady("feature:install baton");
        for (String bsn : new String[] {"io.baton.container.statexfer", "io.baton.container.core", "io.baton.container.rollback",
                "io.baton.container.shell"}) {
            Bundle b = bundle(bsn);
            assertEquals(bsn + " ACTIVE", Bundle.ACTIVE, b.getState());
            assertEquals(bsn + " at the runtime's start level", Integer.parseInt(RUNTIME_LEVEL), b.adapt(BundleStartLevel.class).getStartLevel());
        }
        assertEquals(RUNTIME_LEVEL, context.getProperty("baton.runtime.startlevel"));

        // the cart deployed and filled through Karaf's shell
        String deployed = karafWhenReady("baton:deploy " + jar("example.cart.api") + " " + jar("example.cart.impl.v1") + " " + jar("example.cart.shell"));
        assertTrue(deployed, deployed.startsWith("Deployed 3 bundles"));
        assertTrue("deployed bundles land above the runtime", bundle("io.baton.example.cart.impl").adapt(BundleStartLevel.class).getStartLevel()
                > Integer.parseInt(RUNTIME_LEVEL));
        karafWhenReady("cart:add c1 apple 3");
        karaf("cart:add c1 pear 2");

        // swapped under Karaf, state carried across, committed
        String swap = karaf("baton:swap --probation 60s " + jar("example.cart.impl.v2"));
        assertTrue(swap, swap.contains(": SWAPPED") && swap.contains("1.0.0  2.0.0"));
        String cart = karaf("cart:show c1");
        assertTrue(cart, cart.contains("apple") && cart.contains("3") && cart.contains("pear"));
        assertTrue(karaf("baton:commit").startsWith("Committed"));
        String status = karaf("baton:status");
        assertTrue(status, status.matches("(?s).*io\\.baton\\.example\\.cart\\.impl +2\\.0\\.0 .*"));
        assertTrue(status, status.contains("org.apache.felix.framework"));
    }
}
