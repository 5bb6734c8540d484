package io.baton.container.launcher.crash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A real child JVM runs a container and is killed with SIGKILL at a chosen moment; the next start of
 * the same home must come up in the right bundle set with the right state.
 */
public class CrashRecoveryIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<Process> children = new ArrayList<>();

    @org.junit.After
    public void noChildOutlivesItsTest() {
        children.forEach(Process::destroyForcibly);
    }

    private static final class Child {
        final Process process;
        final Path out;
        final Path err;

        Child(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        String out() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String err() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** Waits for a line on stdout or stderr, then kills the JVM with SIGKILL. */
        void killWhen(String text) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!(out().contains(text) || err().contains(text))) {
                if (!process.isAlive() || out().contains("FAILED") || System.nanoTime() > deadline) {
                    throw new AssertionError("child never printed '" + text + "'\n--- out\n" + out() + "\n--- err\n" + err());
                }
                Thread.sleep(20);
            }
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no framework stop
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Child start(Path home, String step, String... failpoint) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                CrashDriver.class.getName(), home.toString(), System.getProperty("baton.examples", "../example.bundles"), step));
        command.addAll(List.of(failpoint));
        Path out = tmp.newFile().toPath();
        Path err = tmp.newFile().toPath();
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        children.add(p);
        return new Child(p, out, err);
    }

    private String status(Path home) throws Exception {
        Child c = start(home, "status");
        if (!c.process.waitFor(120, TimeUnit.SECONDS) || c.process.exitValue() != 0) {
            c.process.destroyForcibly();
            throw new AssertionError("status run failed\n--- out\n" + c.out() + "\n--- err\n" + c.err());
        }
        return c.out();
    }

    @Test
    public void killedAfterTheCheckpointBeforeSwitchTheOldSetComesBackWithItsState() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        start(home, "deploy-and-crash-before-switch", "before-switch").killWhen("FAILPOINT before-switch reached");

        String status = status(home);

        assertTrue(status, status.contains("MANAGED io.baton.example.cart.impl 2.0.0"));
        assertTrue("state from the checkpoint: " + status, status.matches("(?s).*CART SKU QTY -+ -+ apple 3\n.*"));
        assertTrue(status, status.contains("HISTORY ROLLBACK DONE restart"));
    }

    @Test
    public void killedDuringProbationTheLastCommittedSetComesBack() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        start(home, "deploy-and-trial").killWhen("READY");

        String status = status(home);

        assertTrue(status, status.contains("MANAGED io.baton.example.cart.impl 2.0.0"));
        assertTrue("exactly one cart version: " + status, !status.contains("MANAGED io.baton.example.cart.impl 3.0.0"));
        assertTrue("the checkpoint's state (the trial's write died with the process): " + status,
                status.matches("(?s).*CART SKU QTY -+ -+ apple 3\n.*"));
        assertTrue(status, status.contains("HISTORY SWAP ROLLED_BACK restart"));
    }

    @Test
    public void killedAfterCommitTheNewSetStays() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        start(home, "deploy-and-commit").killWhen("READY");

        String status = status(home);

        assertTrue(status, status.contains("MANAGED io.baton.example.cart.impl 3.0.0"));
        assertTrue(status, status.contains("HISTORY COMMIT DONE"));
        assertTrue("no recovery ran: " + status, !status.contains("restart"));
    }

    @Test
    public void killedDuringRecoveryTheNextStartEndsInTheSamePlace() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        start(home, "deploy-and-trial").killWhen("READY");
        start(home, "status", "recovery").killWhen("FAILPOINT recovery reached");

        String status = status(home);

        assertTrue(status, status.contains("MANAGED io.baton.example.cart.impl 2.0.0"));
        assertTrue(status, status.matches("(?s).*CART SKU QTY -+ -+ apple 3\n.*"));
        assertEquals("recovered once, recorded once: " + status, 1, status.split("HISTORY ROLLBACK DONE restart", -1).length - 1);
    }
}
