package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Repositories an attacker or a broken network controls: one that accepts connections and never
 * answers (bounded, the others keep working), and indexes that name paths outside their location
 * ({@code ../} in an identity, {@code file:/etc/passwd}, a loopback admin URL): refused, nothing
 * fetched, nothing written; no digest of refused content told.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RepositoryHardeningIT extends SwapTestSupport {
    /**
     * Listens and never accepts: the kernel completes connections into the backlog, the request is
     * sent, no answer ever comes. Opened when Pax Exam asks for the configuration, before the framework
     * starts, and kept for the JVM's life.
     */
    private static ServerSocket silent;

    @Inject
    CommandProcessor processor;

    private Gogo gogo;

    @Override
    @Configuration
    public Option[] config() {
        try {
            silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Option[] {composite(super.config()),
                frameworkProperty("baton.repos").value("http://127.0.0.1:" + silent.getLocalPort() + "/silent/index.xml"),
                frameworkProperty("baton.repos.readTimeout").value("1s"),
                frameworkProperty("baton.repos.connectTimeout").value("1s")};
    }

    @Before
    public void shell() throws Exception {
        awaitService("(&(osgi.command.scope=baton)(osgi.command.function=repo-add))", 10_000);
        gogo = new Gogo(processor);
    }

    /** The framework storage: every bundle's data area (the shell's downloads too) is inside it. */
    private Path storage() {
        Path probeData = context.getDataFile("probe").toPath(); // <storage>/bundle<id>/data/probe on Felix
        return probeData.getParent().getParent().getParent();
    }

    @Test
    public void aRepositoryThatNeverAnswersIsBoundedAndTheOthersKeepWorking() throws Exception {
        String silentIndex = context.getProperty("baton.repos");
        String again = silentIndex.replace("/silent/", "/again/");

        // added by hand: refused within the read timeout, with the reason, and not added
        gogo.fails("baton:repo-add " + again, "Repository " + again + " did not answer within 1000 ms (read timeout)");
        assertFalse(gogo.run("baton:repos").contains(again));

        // configured at start, it does not stop a deploy by name from a repository that answers
        String good = new TestRepository(workFolder("good"), jar("example.cart.api"))
                .bundle("test.good", "1.0.0", List.of("test.good;1.0.0"), List.of()).writeIndex();
        gogo.run("baton:repo-add " + good);
        assertTrue(gogo.run("baton:deploy test.good").startsWith("Deployed 1 bundles"));
        assertEquals("1.0.0", managedVersions().get("test.good"));

        // its failure is reported, and a deploy of a jar reads no index at all
        String repos = gogo.run("baton:repos");
        assertTrue(repos, repos.contains(silentIndex) && repos.contains("did not answer within 1000 ms (read timeout)"));
        assertTrue(gogo.run("baton:deploy " + variant("example.echo", "1.0.0")).startsWith("Deployed 1 bundles"));
    }

    @Test
    public void anIndexNamingPathsOutsideItsLocationIsRefusedNothingFetchedNothingWritten() throws Exception {
        AtomicInteger adminRequests = new AtomicInteger();
        try (ServerSocket admin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (Socket s = admin.accept()) {
                    adminRequests.incrementAndGet();
                } catch (IOException closed) {
                    // the test is over
                }
            });
            accept.setDaemon(true);
            accept.start();
            Path folder = workFolder("hostile");
            String zero = "0".repeat(64);
            String index = new TestRepository(folder, jar("example.cart.api"))
                    .entry(TestRepository.resource("../../../escaped", "1.0.0", "escaped.jar", zero, 1, ""))
                    .entry(TestRepository.resource("test.passwd", "1.0.0", "file:/etc/passwd", zero, 1, ""))
                    .entry(TestRepository.resource("test.admin", "1.0.0", "http://127.0.0.1:" + admin.getLocalPort() + "/admin", zero, 1, ""))
                    .writeIndex();

            String refused = gogo.fails("baton:repo-add " + index, "refused, nothing from it is used",
                    "an entry's identity '../../../escaped' is not a bundle symbolic name",
                    "test.passwd 1.0.0: file:/etc/passwd is outside the index's location",
                    "test.admin 1.0.0: http://127.0.0.1:" + admin.getLocalPort() + "/admin is outside the index's location",
                    "allow other locations with baton.repos.allow / --repo-allow");

            assertFalse(refused, gogo.run("baton:repos").contains(index));
            assertEquals("nothing asked of the loopback admin URL", 0, adminRequests.get());
            try (Stream<Path> all = Files.walk(storage())) {
                assertTrue("nothing named after the hostile identity anywhere in the framework storage",
                        all.noneMatch(p -> p.getFileName().toString().contains("escaped")));
            }
        }
    }

    @Test
    public void contentThatDoesNotMatchItsIndexIsRefusedWithoutTellingItsDigest() throws Exception {
        Path folder = workFolder("lying");
        Path secret = folder.resolve("secret.jar");
        Files.writeString(secret, "what an attacker would like to learn a digest of");
        String index = new TestRepository(folder, jar("example.cart.api"))
                .entry(TestRepository.resource("test.secret", "1.0.0", "secret.jar", "1".repeat(64), Files.size(secret), ""))
                .writeIndex();
        gogo.run("baton:repo-add " + index);

        String refused = gogo.fails("baton:plan test.secret", "does not match the index", "refused, nothing installed");

        assertFalse(refused, refused.contains(TestRepository.sha256(Files.readAllBytes(secret))));
        try (Stream<Path> all = Files.walk(storage())) {
            assertTrue("nothing stored", all.noneMatch(p -> p.getFileName().toString().startsWith("test.secret")));
        }
    }
}
