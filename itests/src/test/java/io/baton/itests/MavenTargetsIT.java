package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@code mvn:} targets through pax-url-aether, from a local Maven repository and a remote one (a
 * {@code file:} repository) the test lays out: nothing leaves the machine. A download whose checksum
 * does not match, a local artifact changed after the fact, and coordinates no repository has are refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MavenTargetsIT extends SwapTestSupport {
    private static final Path MAVEN = Path.of(System.getProperty("baton.itest.work", "target/exam"), "maven").toAbsolutePath();
    private static final Path LOCAL = MAVEN.resolve("local");
    private static final Path REMOTE = MAVEN.resolve("remote");
    private static final String REMOTE_URL = REMOTE.toUri() + "@id=test-remote";

    @Inject
    CommandProcessor processor;

    @Override
    @Configuration
    public Option[] config() {
        return new Option[] {composite(super.config()),
                frameworkProperty("org.ops4j.pax.url.mvn.localRepository").value(LOCAL.toString()),
                frameworkProperty("org.ops4j.pax.url.mvn.repositories").value(REMOTE_URL)};
    }

    /** Lays {@code jar} out as {@code io.baton.test:cart-impl:version} in a repository, with a SHA-1 (right or not). */
    private static void artifact(Path repository, String version, Path jar, boolean rightChecksum) throws Exception {
        Path dir = Files.createDirectories(repository.resolve("io/baton/test/cart-impl/" + version));
        Path file = Files.copy(jar, dir.resolve("cart-impl-" + version + ".jar"));
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
        Files.writeString(dir.resolve(file.getFileName() + ".sha1"), rightChecksum ? HexFormat.of().formatHex(sha1) : "0".repeat(40));
    }

    private static void wipe(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    public void deployAndSwapByMavenCoordinatesAndRefuseWhatNoChecksumOrRepositoryVouchesFor() throws Exception {
        awaitService("(&(osgi.command.scope=baton)(osgi.command.function=deploy))", 10_000);
        Gogo gogo = new Gogo(processor);
        wipe(MAVEN);
        artifact(LOCAL, "1.0.0", jar("example.cart.impl.v1"), true);
        artifact(REMOTE, "2.0.0", jar("example.cart.impl.v2"), true);
        artifact(REMOTE, "3.0.0", jar("example.cart.impl.v3"), false);
        artifact(LOCAL, "3.1.0", jar("example.cart.impl.v31"), false);

        // from the local repository, then swapped to a version only the remote one has
        assertTrue(gogo.run("baton:deploy mvn:io.baton.test/cart-impl/1.0.0").startsWith("Deployed 1 bundles"));
        assertEquals("1.0.0", managedVersions().get("io.baton.example.cart.impl"));
        String swap = gogo.run("baton:swap --probation 60s mvn:io.baton.test/cart-impl/2.0.0");
        assertTrue(swap, swap.contains(": SWAPPED") && swap.contains("1.0.0  2.0.0"));
        gogo.run("baton:commit");

        int bundles = context.getBundles().length;
        // a download whose checksum does not match: refused by the resolver, and not kept
        gogo.fails("baton:plan mvn:io.baton.test/cart-impl/3.0.0", "mvn:io.baton.test/cart-impl/3.0.0: the download does not match"
                + " the repository's checksum; refused, nothing installed");
        assertFalse(Files.exists(LOCAL.resolve("io/baton/test/cart-impl/3.0.0/cart-impl-3.0.0.jar")));
        // an artifact changed in the local repository after the fact
        gogo.fails("baton:plan mvn:io.baton.test/cart-impl/3.1.0", "does not match its checksum cart-impl-3.1.0.jar.sha1; refused, nothing installed");
        // coordinates no repository has: the repositories are named
        gogo.fails("baton:plan mvn:io.baton.test/nothing/9.9.9", "No Maven repository has mvn:io.baton.test/nothing/9.9.9 (searched: local repository "
                + LOCAL + ", remote repositories [" + REMOTE_URL + "])");
        assertEquals("nothing installed", bundles, context.getBundles().length);
        assertEquals("2.0.0", managedVersions().get("io.baton.example.cart.impl"));
    }
}
