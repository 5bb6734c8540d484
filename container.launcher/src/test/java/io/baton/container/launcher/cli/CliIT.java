package io.baton.container.launcher.cli;

import io.baton.container.launcher.ChildJvm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The {@code baton.jar} CLI, run as a child process exactly as a user runs it. */
public class CliIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    ChildJvm start(String... args) throws IOException {
        String jar = System.getProperty("baton.jar", "target/baton.jar");
        assertTrue("baton.jar built at " + jar, Files.isRegularFile(Path.of(jar)));
        List<String> command = new ArrayList<>(List.of("-jar", Path.of(jar).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return ChildJvm.start(tmp.getRoot().toPath(), command);
    }

    ChildJvm.Result baton(String... args) throws Exception {
        return start(args).await(120);
    }

    String home() throws IOException {
        return tmp.newFolder().toString();
    }

    @Test
    public void execStatusPrintsTheTableAndExitsZero() throws Exception {
        ChildJvm.Result r = baton("exec", "--home", home(), "-c", "baton:status");

        assertEquals(r.toString(), 0, r.exit);
        assertTrue(r.toString(), r.out.contains("ID  STATE"));
        for (String bundle : List.of("io.baton.container.core", "io.baton.container.statexfer",
                "io.baton.container.rollback", "io.baton.container.shell", "org.apache.felix.scr")) {
            assertTrue(bundle + "\n" + r, r.out.contains(bundle));
        }
        assertTrue("startup time logged at INFO\n" + r, r.err.matches("(?s).*INFO .*Baton started in \\d+ ms, \\d+ bundles.*"));
    }

    @Test
    public void aFailingCommandStopsTheScriptExitsOneAndPrintsGogosErrorOnStderr() throws Exception {
        ChildJvm.Result r = baton("exec", "--home", home(), "-c", "echo first; nosuch:command; echo never");

        assertEquals(r.toString(), 1, r.exit);
        assertTrue(r.toString(), r.out.contains("first"));
        assertFalse("stops at the first failure\n" + r, r.out.contains("never"));
        assertTrue(r.toString(), r.err.contains("command failed: nosuch:command"));
        assertTrue(r.toString(), r.err.contains("CommandNotFoundException: Command not found: nosuch:command"));
        assertTrue("stops cleanly\n" + r, r.err.contains("Baton stopped"));
    }

    @Test
    public void aScriptFileRunsEveryStatement() throws Exception {
        Path script = tmp.newFile("status.gogo").toPath();
        Files.writeString(script, "# a comment\necho one\nbaton:status\n");

        ChildJvm.Result r = baton("exec", "--home", home(), "--script", script.toString());

        assertEquals(r.toString(), 0, r.exit);
        assertTrue(r.toString(), r.out.startsWith("one\n"));
        assertTrue(r.toString(), r.out.contains("io.baton.container.core"));
    }

    @Test
    public void anUnknownOptionPrintsUsageAndExitsTwo() throws Exception {
        ChildJvm.Result r = baton("exec", "--bogus", "-c", "baton:status");

        assertEquals(r.toString(), 2, r.exit);
        assertTrue(r.toString(), r.err.contains("Unknown option: '--bogus'"));
        assertTrue(r.toString(), r.err.contains("Usage: baton exec"));
    }

    @Test
    public void runRefusesAnHttpPortOutOfRangeOrInUseWithExitTwoBeforeStarting() throws Exception {
        String home = home();
        ChildJvm.Result range = baton("run", "--home", home, "--no-console", "--http-port", "70000");
        assertEquals(range.toString(), 2, range.exit);
        assertTrue(range.toString(), range.err.contains("--http-port must be from 0 to 65535, was 70000"));
        assertTrue(range.toString(), range.err.contains("Usage: baton run"));
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ChildJvm.Result inUse = baton("run", "--home", home, "--no-console", "--http-port", Integer.toString(taken.getLocalPort()));
            assertEquals(inUse.toString(), 2, inUse.exit);
            assertTrue(inUse.toString(), inUse.err.contains("--http-port " + taken.getLocalPort() + " on 127.0.0.1 is in use"));
            assertFalse("nothing started\n" + inUse, inUse.err.contains("Baton started"));
        }
    }

    @Test
    public void anUnknownCommandPrintsUsageAndExitsTwo() throws Exception {
        ChildJvm.Result r = baton("explode");

        assertEquals(r.toString(), 2, r.exit);
        assertTrue(r.toString(), r.err.contains("Usage: baton"));
    }

    @Test
    public void everyCommandHasCompleteHelpWithItsExitCodes() throws Exception {
        Map<String, List<String>> codes = Map.of("run", List.of("0", "1", "2", "130", "143"), "exec", List.of("0", "1", "2"),
                "ctl", List.of("0", "1", "2"), "demo", List.of("0", "1", "2"));
        for (Map.Entry<String, List<String>> c : codes.entrySet()) {
            ChildJvm.Result r = baton(c.getKey(), "--help");
            assertEquals(r.toString(), 0, r.exit);
            assertTrue(r.toString(), r.out.contains("Usage: baton " + c.getKey()));
            String list = r.out.substring(r.out.indexOf("Exit codes:"));
            for (String code : c.getValue()) {
                assertTrue(c.getKey() + " lists exit code " + code + ": " + list, list.matches("(?s).*\\n  " + code + " +\\S.*"));
            }
        }
        ChildJvm.Result top = baton("--help");
        assertEquals(0, top.exit);
        // each command's summary is a whole sentence, not a description cut after its first line
        String commands = top.out.substring(top.out.indexOf("Commands:"), top.out.indexOf("Exit codes"));
        for (String summary : commands.split("\\n  (?=[a-z])")) {
            if (!summary.startsWith("Commands:")) {
                assertTrue("'" + summary.trim() + "' ends a sentence", summary.trim().endsWith("."));
            }
        }
        assertTrue(top.out, top.out.contains("143"));
    }

    @Test
    public void aHomeThatIsAFileIsRefusedWithExitTwo() throws Exception {
        Path file = tmp.newFile("not-a-dir").toPath();

        ChildJvm.Result r = baton("exec", "--home", file.toString(), "-c", "baton:status");

        assertEquals(r.toString(), 2, r.exit);
        assertTrue(r.toString(), r.err.contains("Baton home " + file + " is a file; expected a directory"));
    }

    @Test
    public void aHomeThatCannotBeWrittenIsRefusedWithExitTwo() throws Exception {
        // /proc/self is a directory that nobody, root included, can create files in.
        assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        ChildJvm.Result r = baton("exec", "--home", "/proc/self", "-c", "baton:status");

        assertEquals(r.toString(), 2, r.exit);
        assertTrue(r.toString(), r.err.contains("Baton home /proc/self cannot be written"));
    }

    @Test
    public void aHomeThatCannotBeCreatedIsRefusedWithExitTwo() throws Exception {
        Path file = tmp.newFile("plain").toPath();
        ChildJvm.Result r = baton("exec", "--home", file.resolve("sub").toString(), "-c", "baton:status");

        assertEquals(r.toString(), 2, r.exit);
        assertTrue(r.toString(), r.err.contains("cannot be created"));
    }

    @Test
    public void aMissingScriptFileIsRefusedWithExitTwo() throws Exception {
        ChildJvm.Result r = baton("exec", "--home", home(), "--script", "no/such/file.gogo");

        assertEquals(r.toString(), 2, r.exit);
        assertTrue(r.toString(), r.err.contains("Script file no/such/file.gogo does not exist"));
    }

    @Test
    public void aSecondRunOnTheSameHomeIsRefusedAndTheFirstKeepsRunningUntilSigterm() throws Exception {
        String home = home();
        ChildJvm first = start("run", "--home", home);
        first.awaitText("Baton started in", 60);

        ChildJvm.Result second = baton("run", "--home", home);
        assertEquals(second.toString(), 2, second.exit);
        assertTrue(second.toString(), second.err.contains("is in use by another Baton container (pid " + first.process.pid() + ")"));
        assertTrue("the first container is untouched", first.process.isAlive());
        ChildJvm.Result exec = baton("exec", "--home", home, "-c", "baton:status");
        assertEquals("exec is refused on a home in use too\n" + exec, 2, exec.exit);

        // the running container answers ctl on its home
        ChildJvm.Result status = baton("ctl", "--home", home, "baton:status");
        assertEquals(status.toString(), 0, status.exit);
        assertTrue(status.toString(), status.out.contains("io.baton.container.core"));
        ChildJvm.Result failing = baton("ctl", "--home", home, "echo before; nosuch:command");
        assertEquals(failing.toString(), 1, failing.exit);
        assertTrue(failing.toString(), failing.out.contains("before"));
        assertTrue(failing.toString(), failing.err.contains("CommandNotFoundException: Command not found: nosuch:command"));
        assertEquals("the token is for the owner only", "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(home, "ctl.token"))));
        Files.writeString(Path.of(home, "ctl.token"), "not-the-token\n");
        ChildJvm.Result wrongToken = baton("ctl", "--home", home, "baton:status");
        assertEquals(wrongToken.toString(), 2, wrongToken.exit);
        // with the wrong token, ctl cannot tell the container from an impostor: it sends nothing
        assertTrue(wrongToken.toString(), wrongToken.err.contains("cannot prove it knows the token in"));
        assertTrue("the container logs the attempt", first.err().contains("Control request from"));

        first.process.destroy(); // SIGTERM
        ChildJvm.Result stopped = first.await(60);
        assertTrue(stopped.toString(), stopped.err.contains("Baton stopped"));
        assertEquals("SIGTERM's exit code, as run --help says", 143, stopped.exit);
        assertTrue("the framework storage survives for the next start",
                Files.isDirectory(Path.of(home, "framework")));

        ChildJvm.Result again = baton("exec", "--home", home, "-c", "baton:status");
        assertEquals("the home is free again once the first stopped\n" + again, 0, again.exit);
    }

    @Test
    public void settingsGivenAtStartAreCheckedAndApplied() throws Exception {
        String home = home();
        ChildJvm.Result bad = baton("exec", "--home", home, "--set", "rollback:failureLimit=2", "-c", "baton:status");
        assertEquals(bad.toString(), 2, bad.exit);
        assertTrue(bad.err, bad.err.contains("--set: IllegalArgumentException: io.baton.rollback failureLimit=2: expected a number from 0 to 1"));
        ChildJvm.Result syntax = baton("exec", "--home", home, "--set", "failureLimit=0.1", "-c", "baton:status");
        assertEquals(syntax.toString(), 2, syntax.exit);
        assertTrue(syntax.err, syntax.err.contains("expected PID:KEY=VALUE"));

        ChildJvm.Result good = baton("exec", "--home", home, "--set", "rollback:minCalls=77", "--set", "io.baton.rollback:latencyEnabled=true",
                "-c", "baton:config rollback");
        assertEquals(good.toString(), 0, good.exit);
        assertTrue(good.out, good.out.matches("(?s).*minCalls +77 .*") && good.out.matches("(?s).*latencyEnabled +true .*"));
        ChildJvm.Result kept = baton("exec", "--home", home, "-c", "baton:config rollback");
        assertTrue("kept with the home: " + kept.out, kept.out.matches("(?s).*minCalls +77 .*"));
    }

    @Test
    public void ctlWithoutARunningContainerOrWithAStalePortFileFailsClearly() throws Exception {
        String home = home();
        ChildJvm.Result none = baton("ctl", "--home", home, "baton:status");
        assertEquals(none.toString(), 2, none.exit);
        assertTrue(none.toString(), none.err.contains("No Baton container is running on home"));

        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        Files.writeString(Path.of(home, "ctl.port"), closedPort + "\n");
        Files.writeString(Path.of(home, "ctl.token"), "whatever\n");
        ChildJvm.Result stale = baton("ctl", "--home", home, "baton:status");
        assertEquals(stale.toString(), 2, stale.exit);
        assertTrue(stale.toString(), stale.err.contains("the port file is stale"));
    }

    @Test
    public void cleanWipesTheHome() throws Exception {
        String home = home();
        Path marker = Path.of(home, "framework", "marker");
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "x");
        ChildJvm run = start("run", "--home", home, "--clean");
        run.awaitText("Baton started in", 60);
        assertFalse(Files.exists(marker));
        run.process.destroy();
        run.await(60);
    }
}
