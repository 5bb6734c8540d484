package io.baton.container.launcher.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;
import picocli.CommandLine;

/** The repository options of run and exec become the framework properties the container reads. */
public class RepoOptionsTest {

    private static RepoOptions parse(String... args) {
        CommandLine cli = new CommandLine(new ExecCommand());
        cli.parseArgs(args);
        return ((ExecCommand) cli.getCommand()).repos;
    }

    @Test
    public void everyOptionBecomesItsFrameworkProperty() {
        Map<String, String> p = parse("--repo", "file:///a/index.xml", "--repo", "https://b/repository.xml", "--repo-allow", "https://cdn/",
                "--repo-timeout", "2s", "--maven-repo", "https://m1/maven2@id=one", "--maven-repo", "file:/m2@id=two",
                "--maven-local", "local-m2", "-c", "baton:status").properties();

        assertEquals("file:///a/index.xml,https://b/repository.xml", p.get("baton.repos"));
        assertEquals("https://cdn/", p.get("baton.repos.allow"));
        assertEquals("2s", p.get("baton.repos.connectTimeout"));
        assertEquals("2s", p.get("baton.repos.readTimeout"));
        assertEquals("https://m1/maven2@id=one,file:/m2@id=two", p.get("org.ops4j.pax.url.mvn.repositories"));
        assertEquals(Path.of("local-m2").toAbsolutePath().toString(), p.get("org.ops4j.pax.url.mvn.localRepository"));
    }

    @Test
    public void withoutOptionsNothingIsSetAndTheDefaultsApply() {
        assertTrue(parse("-c", "baton:status").properties().isEmpty());
    }

    @Test
    public void aTimeoutThatIsNotADurationIsAUsageError() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--repo-timeout", "soon", "-c", "baton:status").properties());
        assertEquals("--repo-timeout soon: expected a duration like 10s or 500ms", e.getMessage());
    }
}
