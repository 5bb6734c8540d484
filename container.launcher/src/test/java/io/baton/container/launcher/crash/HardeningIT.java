package io.baton.container.launcher.crash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.baton.container.launcher.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Hostile conditions around a real container, each in a real child JVM: a home damaged, forged or
 * blocked between and during runs, an activator that ends the JVM, a component that fails. Whatever was done to the store, the container starts, the rollback subsystem runs and
 * says DEGRADED naming the file, the previous set serves, swaps are refused until an operator
 * acknowledges, and nothing that still exists is lost.
 */
public class HardeningIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<Process> children = new ArrayList<>();

    @After
    public void noChildOutlivesItsTest() {
        children.forEach(Process::destroyForcibly);
    }

    private ChildJvm start(Path home, String step) throws IOException {
        List<String> args = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", CrashDriver.class.getName(), home.toString(),
                System.getProperty("baton.examples", "../example.bundles"), step));
        ChildJvm child = ChildJvm.start(tmp.getRoot().toPath(), args);
        children.add(child.process);
        return child;
    }

    private String run(Path home, String step) throws Exception {
        ChildJvm.Result r = start(home, step).await(180);
        if (r.exit != 0) {
            throw new AssertionError(step + " failed\n" + r);
        }
        return r.out + "\n" + r.err;
    }

    /** A home killed while swap-1 (cart 2.0.0 -> 3.0.0, c1 = apple 3) was in TRIAL. */
    private Path homeKilledInTrial() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        ChildJvm child = start(home, "deploy-and-trial");
        child.awaitText("READY", 120);
        child.kill();
        return home;
    }

    /** A home whose swap-1 (cart 2.0.0 -> 3.0.0) was committed; checkpoint cp-1 holds 2.0.0 with c1 = apple 3. */
    private Path homeCommitted() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        ChildJvm child = start(home, "deploy-and-commit");
        child.awaitText("READY", 120);
        child.kill();
        return home;
    }

    /** The common ending of a damaged start: DEGRADED, previous set, swap refused, then allowed once acknowledged. */
    private static void assertDegradedThenAcknowledged(String out, String previousVersion, String... damage) {
        assertTrue(out, out.contains("MANAGED io.baton.example.cart.impl " + previousVersion));
        assertTrue("the rollback subsystem runs and reports: " + out, out.contains("DEGRADED "));
        for (String d : damage) {
            assertTrue("'" + d + "' in: " + out, out.lines().anyMatch(l -> l.startsWith("DEGRADED ") && l.contains(d)));
        }
        assertTrue("swaps refused while DEGRADED: " + out, out.contains("SWAP REFUSED") && out.contains("DEGRADED"));
        assertTrue("acknowledged: " + out, out.contains("ACK ["));
        assertTrue("then a swap runs with its safety net: " + out, out.contains("SWAP2 SWAPPED"));
        assertFalse(out, out.contains("NullPointerException"));
    }

    @Test
    public void aCorruptHeaderFieldInTheJournalDegradesButNeverUndoesACommit() throws Exception {
        Path home = homeCommitted();
        Path journal = StoreFiles.newestJournal(home);
        String framed = Files.readString(journal, StandardCharsets.ISO_8859_1);
        Files.writeString(journal, framed.replaceFirst("length=(\\d+)", "length=$1x"), StandardCharsets.ISO_8859_1);

        String out = run(home, "damaged-start");

        // the older generation still shows swap-1 in TRIAL: acting on it would undo the commit
        assertDegradedThenAcknowledged(out, "3.0.0", journal.getFileName() + " is unreadable", "is not a number",
                "crash recovery skipped");
        assertFalse("no rollback on a stale journal: " + out, out.contains("HISTORY ROLLBACK DONE restart"));
        try (Stream<Path> files = Files.list(journal.getParent())) {
            assertTrue("the damaged generation is kept aside", files.anyMatch(f -> f.getFileName().toString().contains(".damaged-")));
        }
    }

    @Test
    public void aForgedHugeArraySnapshotIsRefusedAtRecovery() throws Exception {
        assertRecoveryRefuses(StoreFiles.forgedHugeArray());
    }

    @Test
    public void aDeeplyNestedSnapshotIsRefusedAtRecovery() throws Exception {
        assertRecoveryRefuses(StoreFiles.deeplyNested());
    }

    @Test
    public void aNestedHashSetBombIsRefusedAtRecovery() throws Exception {
        assertRecoveryRefuses(StoreFiles.hashSetBomb());
    }

    /**
     * The state the crash recovery must import was replaced by a hostile payload: the recovery still
     * brings the previous set back, the payload is refused in bounded time and memory (the child has a
     * 256 MB heap) and moved aside. The writes it held are gone with it (it was their only copy); the
     * record says so.
     */
    private void assertRecoveryRefuses(byte[] payload) throws Exception {
        Path home = homeKilledInTrial();
        StoreFiles.forgeState(home, "cp-1", payload);

        String out = run(home, "damaged-start");

        assertDegradedThenAcknowledged(out, "2.0.0", "checkpoint cp-1: its state is unreadable", "refused");
        assertTrue("the set came back all the same: " + out, out.contains("HISTORY ROLLBACK DONE restart"));
        assertFalse(out, out.contains("OutOfMemoryError") || out.contains("StackOverflowError"));
        try (Stream<Path> damaged = Files.list(StoreFiles.store(home).resolve("checkpoints/damaged"))) {
            assertTrue("moved aside", damaged.anyMatch(f -> f.getFileName().toString().startsWith("cp-1.state")));
        }
    }

    @Test
    public void aForgedConfigurationStateFoundByARollbackIsRefusedAndTheLiveStateCarriedDown() throws Exception {
        Path home = homeCommitted();
        StoreFiles.forgeState(home, "cp-1", StoreFiles.deeplyNested());

        String out = run(home, "rollback-to-cp-1");

        // the live state travels down through the migrators; only the checkpoint's own file was bad
        assertTrue(out, out.contains("ROLLBACK DONE"));
        assertTrue(out, out.contains("MANAGED io.baton.example.cart.impl 2.0.0"));
        assertTrue("the write made before the rollback survived: " + out, out.matches("(?s).*CART SKU QTY -+ -+ pear 2\n.*"));
        assertTrue(out, out.lines().anyMatch(l -> l.startsWith("DEGRADED checkpoint cp-1: its state is unreadable")));
    }

    @Test
    public void aPinnedJarRollbackWorksAfterTwoRestarts() throws Exception {
        Path home = homeCommitted();
        run(home, "status");
        run(home, "status");

        String out = run(home, "rollback-to-cp-1");

        assertTrue("digests kept across restarts: " + out, out.contains("PINNED cp-1 io.baton.example.cart.impl 2.0.0 sha256=")
                && !out.contains("sha256=null"));
        assertTrue(out, out.contains("ROLLBACK DONE"));
        assertTrue("reinstalled from its pinned jar: " + out, out.contains("MANAGED io.baton.example.cart.impl 2.0.0"));
        assertTrue(out, out.matches("(?s).*CART SKU QTY -+ -+ pear 2\n.*"));
        assertFalse(out, out.contains("DEGRADED"));
    }

    @Test
    public void swapIdsStayUniqueAcrossRestarts() throws Exception {
        Path home = homeCommitted();
        run(home, "swap-to-v2");
        String out = run(home, "swap-to-v3");

        List<String> ids = out.lines().filter(l -> l.startsWith("HISTORY SWAP ")).map(l -> l.substring(l.indexOf("id=")))
                .collect(Collectors.toList());
        assertEquals("three swaps over three runs: " + out, 3, ids.size());
        assertEquals("no id twice: " + ids, 3, ids.stream().distinct().count());
    }

    @Test
    public void aJournalThatCannotBeWrittenAtCommitLeavesTheTrialAsItWasUntilTheDiskRecovers() throws Exception {
        Path home = tmp.newFolder("home").toPath();

        String out = run(home, "commit-blocked");

        // memory and disk agree: still TRIAL, the old version still installed, no COMMIT in history
        String blocked = out.lines().filter(l -> l.startsWith("BLOCKED ")).findFirst().orElse("");
        assertTrue(out, blocked.startsWith("BLOCKED TRIAL carts [") && blocked.endsWith("] top SWAP TRIAL"));
        assertTrue("the old version still installed (a warm standby): " + blocked, blocked.contains("2.0.0 ACTIVE")
                && blocked.contains("3.0.0 ACTIVE"));
        // once writes work again, the commit that was owed happens
        assertTrue(out, out.contains("UNBLOCKED carts [3.0.0 ACTIVE] top COMMIT DONE"));
    }

    @Test
    public void aStagedBundleLeftByAnActivatorThatEndsTheJvmIsRemovedAtTheNextStart() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        ChildJvm child = start(home, "swap-to-exiting-activator");
        ChildJvm.Result exited = child.await(120);
        assertEquals("the hostile activator ended the JVM (documented: Baton cannot stop System.exit)\n" + exited, 3, exited.exit);

        String out = run(home, "status");

        assertTrue(out, out.contains("MANAGED io.baton.example.cart.impl 2.0.0"));
        assertTrue("only the old version is installed: " + out, out.contains("CART-BUNDLES [2.0.0 ACTIVE]"));
        assertTrue(out, out.contains("staged by a swap the process did not live to finish"));
    }

    @Test
    public void aComponentActivationFailureOfAnApplicationIsLogged() throws Exception {
        Path home = tmp.newFolder("home").toPath();

        String out = run(home, "deploy-failing-component");

        assertTrue("SCR's error reaches Baton's log, named by bundle: " + out,
                out.lines().anyMatch(l -> l.contains("osgi.io.baton.example.cart.impl") && l.contains("ERROR")));
        assertTrue(out, out.contains("fixture worker activation fault"));
    }

    @Test
    public void theHomeIsOwnerOnlyAndAnotherUserCannotReadACheckpoint() throws Exception {
        Path home = homeCommitted();
        run(home, "status");

        assertEquals("rwx------", perms(home));
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                String perms = perms(p);
                assertTrue(p + " is " + perms, perms.endsWith("------"));
            }
        }
        Path checkpoint = StoreFiles.store(home).resolve("checkpoints/cp-1.state");
        assertTrue(Files.exists(checkpoint));
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            // a real other user (nobody) tries to read it
            Process cat = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat", checkpoint.toString())
                    .redirectErrorStream(true).start();
            String said = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(said, cat.waitFor() != 0 && said.contains("Permission denied"));
        }
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
