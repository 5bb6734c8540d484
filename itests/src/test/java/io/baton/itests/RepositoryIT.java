package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Deployment by name from the R5 index the build writes; broken, unreachable and tampered repositories. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RepositoryIT extends SwapTestSupport {

    @Inject
    CommandProcessor processor;

    private String run(String command) throws Exception {
        return new Gogo(processor).run(command);
    }

    private void assertFails(String command, String... fragments) throws Exception {
        new Gogo(processor).fails(command, fragments);
    }

    @Test
    public void deployAndSwapByNameFromTheGeneratedIndexAndRefuseWhatTheRepositoriesCannotVouchFor() throws Exception {
        awaitService("(&(osgi.command.scope=baton)(osgi.command.function=repo-add))", 10_000);
        String index = Path.of(System.getProperty("baton.itest.index")).toUri().toString();
        assertTrue(run("baton:repo-add " + index), run("baton:repos").contains(index));

        // by name, by exact version, and by range (quoted for Gogo)
        run("baton:deploy io.baton.example.cart.impl@1.0.0");
        assertEquals(Map.of("io.baton.example.cart.impl", "1.0.0"), managedVersions());
        String swap = run("baton:swap --probation 60s 'io.baton.example.cart.impl@[2,3)'");
        assertTrue(swap, swap.contains(": SWAPPED") && swap.contains("1.0.0  2.0.0"));
        run("baton:commit");
        String plan = run("baton:plan io.baton.example.cart.impl");
        assertTrue("a bare name means the newest: " + plan, plan.contains("2.0.0  3.1.0"));

        // what no repository has
        assertFails("baton:plan io.baton.nothing", "No repository has io.baton.nothing (searched: [" + index);
        assertFails("baton:plan 'io.baton.example.cart.impl@[9,10)'", "No version of io.baton.example.cart.impl matches [9,10)",
                "available: [1.0.0, 2.0.0, 3.0.0, 3.1.0]");

        // a malformed or unreachable index is refused; a configured one that breaks leaves the others working
        Path text = workFile("not-an-index");
        Files.writeString(text, "not xml at all");
        assertFails("baton:repo-add " + text.toUri(), "is not a readable R5 index");
        assertFails("baton:repo-add file:///no/such/index.xml", "is unreachable");
        Path copy = workFile("index-copy");
        Files.copy(Path.of(System.getProperty("baton.itest.index")), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        run("baton:repo-add " + copy.toUri());
        Files.delete(copy);
        assertTrue(run("baton:plan io.baton.example.cart.impl@3.0.0").contains(": PLANNED"));

        // a jar whose bytes do not match the index's digest: refused, nothing installed
        run("baton:repo-remove " + index);
        run("baton:repo-remove " + copy.toUri());
        String tampered = Files.readString(Path.of(System.getProperty("baton.itest.index")))
                .replaceFirst("(name=\"osgi.content\" value=\")[0-9A-F]{8}", "$100000000");
        // beside the original: its bundle URLs are relative to it
        Path bad = Files.createTempFile(Path.of(System.getProperty("baton.itest.index")).getParent(), "tampered-index", ".xml");
        bad.toFile().deleteOnExit();
        Files.writeString(bad, tampered);
        run("baton:repo-add " + bad.toUri());
        int bundles = context.getBundles().length;
        assertFails("baton:deploy io.baton.example.cart.api", "does not match the index", "refused, nothing installed");
        assertEquals("nothing installed", bundles, context.getBundles().length);
        assertEquals(Map.of("io.baton.example.cart.impl", "2.0.0"), managedVersions());
    }
}
