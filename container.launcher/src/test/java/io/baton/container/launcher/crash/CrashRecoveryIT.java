package io.baton.container.launcher.crash;

import io.baton.container.launcher.ChildJvm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private ChildJvm start(Path home, String step, String... failpoint) throws IOException {
        List<String> args = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", CrashDriver.class.getName(), home.toString(),
                System.getProperty("baton.examples", "../example.bundles"), step));
        args.addAll(List.of(failpoint));
        ChildJvm child = ChildJvm.start(tmp.getRoot().toPath(), args);
        children.add(child.process);
        return child;
    }

    /** Waits for a line, then SIGKILLs the child. */
    private static void killWhen(ChildJvm child, String text) throws Exception {
        child.awaitText(text, 90);
        child.kill();
    }

    private String status(Path home) throws Exception {
        ChildJvm.Result r = start(home, "status").await(120);
        if (r.exit != 0) {
            throw new AssertionError("status run failed\n" + r);
        }
        return r.out;
    }

    @Test
    public void killedInThePauseTheOldSetComesBack() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        killWhen(start(home, "deploy-and-crash-before-switch", "before-switch"), "FAILPOINT before-switch reached");

        String status = status(home);

        // nothing is written in the pause: the prepared checkpoint (its set, no state yet) brings the old set back
        assertTrue(status, status.contains("MANAGED io.baton.example.cart.impl 2.0.0"));
        assertTrue("exactly one cart version: " + status, !status.contains("MANAGED io.baton.example.cart.impl 3.0.0"));
        assertTrue(status, status.contains("HISTORY ROLLBACK DONE restart"));
    }

    @Test
    public void killedDuringPreCopyTheOldSetComesBackAndNothingHalfApplied() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        // 2.0.0 -> 3.0.0: both carts are KeyedState and the 2->3 migrator migrates entries, so QUIESCE pre-copies
        // the lines into 3.0.0 while 2.0.0 serves; the failpoint holds right after the pre-copy, no gate closed yet
        ChildJvm child = start(home, "deploy-and-crash-before-switch", "during-precopy");
        child.awaitText("FAILPOINT during-precopy reached", 90);
        String log = child.out() + child.err();
        assertTrue("the keyed path ran: " + log, log.contains("pre-copied"));
        child.kill();

        String status = status(home);

        assertTrue(status, status.contains("MANAGED io.baton.example.cart.impl 2.0.0"));
        assertTrue("exactly one cart version: " + status, !status.contains("MANAGED io.baton.example.cart.impl 3.0.0"));
        assertTrue("the half-filled 3.0.0 is gone: " + status, status.contains("CART-BUNDLES [2.0.0 ACTIVE]"));
        assertTrue(status, status.contains("HISTORY ROLLBACK DONE restart"));
    }

    @Test
    public void killedAfterTheGatesReopenedBeforeTheTrialRecordIsDurableTheOldSetComesBack() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        killWhen(start(home, "deploy-and-crash-before-switch", "after-switch"), "FAILPOINT after-switch reached");

        String status = status(home);

        // 3.0.0 served and was flagged to start; the TRIAL record was not durable: not permanent, as in OTP
        assertTrue(status, status.contains("MANAGED io.baton.example.cart.impl 2.0.0"));
        assertTrue("exactly one cart version: " + status, !status.contains("MANAGED io.baton.example.cart.impl 3.0.0"));
        assertTrue("only the old version is installed: " + status, status.contains("CART-BUNDLES [2.0.0 ACTIVE]"));
        assertTrue(status, status.contains("HISTORY ROLLBACK DONE restart"));
    }

    @Test
    public void killedRightAfterTheTrialRecordIsDurableTheOldSetComesBackWithTheCheckpointsState() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        killWhen(start(home, "deploy-and-crash-before-switch", "trial-durable"), "FAILPOINT trial-durable reached");

        String status = status(home);

        assertTrue(status, status.contains("MANAGED io.baton.example.cart.impl 2.0.0"));
        assertTrue("state from the checkpoint, written with the TRIAL record: " + status,
                status.matches("(?s).*CART SKU QTY -+ -+ apple 3\n.*"));
        assertTrue(status, status.contains("HISTORY SWAP ROLLED_BACK restart"));
    }

    @Test
    public void killedDuringProbationTheLastCommittedSetComesBack() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        killWhen(start(home, "deploy-and-trial"), "READY");

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
        killWhen(start(home, "deploy-and-commit"), "READY");

        String status = status(home);

        assertTrue(status, status.contains("MANAGED io.baton.example.cart.impl 3.0.0"));
        assertTrue(status, status.contains("HISTORY COMMIT DONE"));
        assertTrue("no recovery ran: " + status, !status.contains("restart"));
    }

    @Test
    public void killedDuringRecoveryTheNextStartEndsInTheSamePlace() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        killWhen(start(home, "deploy-and-trial"), "READY");
        killWhen(start(home, "status", "recovery"), "FAILPOINT recovery reached");

        String status = status(home);

        assertTrue(status, status.contains("MANAGED io.baton.example.cart.impl 2.0.0"));
        assertTrue(status, status.matches("(?s).*CART SKU QTY -+ -+ apple 3\n.*"));
        assertEquals("recovered once, recorded once: " + status, 1, status.split("HISTORY ROLLBACK DONE restart", -1).length - 1);
    }
}
