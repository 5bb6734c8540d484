package io.baton.container.launcher.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.container.launcher.ChildJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What a release pipeline does: start {@code baton.jar run} on a home, then drive it with
 * {@code baton.jar ctl}: deploy from the generated R5 index, swap, read history, roll back; the
 * container keeps answering throughout and stops cleanly on SIGTERM.
 */
public class EndToEndIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<ChildJvm> children = new ArrayList<>();

    @After
    public void noChildOutlivesTheTest() throws InterruptedException {
        for (ChildJvm c : children) {
            c.kill();
        }
    }

    private ChildJvm baton(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-jar", Path.of(System.getProperty("baton.jar", "target/baton.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ChildJvm child = ChildJvm.start(tmp.getRoot().toPath(), command);
        children.add(child);
        return child;
    }

    private ChildJvm.Result ctl(String home, String commands) throws Exception {
        ChildJvm.Result r = baton("ctl", "--home", home, commands).await(120);
        assertEquals(commands + "\n" + r, 0, r.exit);
        return r;
    }

    @Test
    public void runThenDeploySwapHistoryAndRollBackThroughCtl() throws Exception {
        String home = tmp.newFolder("home").toString();
        String index = Path.of(System.getProperty("baton.index")).toUri().toString();
        ChildJvm container = baton("run", "--home", home, "--repo", index);
        container.awaitText("Control channel on 127.0.0.1:", 60);

        // the API comes along as a dependency of the cart and the shell
        String deployed = ctl(home, "baton:deploy io.baton.example.cart.impl@2.0.0 io.baton.example.cart.shell").out;
        assertTrue(deployed, deployed.contains("Deployed 3 bundles") && deployed.contains("io.baton.example.cart.api"));
        ctl(home, "cart:add c1 apple 3");

        // a client keeps talking to the container while it is swapped and rolled back
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                try {
                    ChildJvm.Result r = baton("ctl", "--home", home, "cart:show c1").await(120);
                    if (r.exit == 0 && r.out.contains("apple")) {
                        answered.incrementAndGet();
                    } else {
                        synchronized (failures) {
                            failures.add(r.toString());
                        }
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e.toString());
                    }
                }
            }
        }, "watcher");
        watcher.start();

        String swap = ctl(home, "baton:swap --probation 10m io.baton.example.cart.impl@3.0.0").out;
        assertTrue(swap, swap.contains(": SWAPPED"));
        String history = ctl(home, "baton:history").out;
        assertTrue(history, history.matches("(?s).*1 +SWAP +TRIAL .*"));
        String rollback = ctl(home, "baton:rollback").out;
        assertTrue(rollback, rollback.startsWith("Rollback to cp-1: DONE"));
        String status = ctl(home, "baton:status").out;
        assertTrue(status, status.matches("(?s).*io.baton.example.cart.impl +2.0.0 .*") && status.contains("TRIAL: none"));
        String cart = ctl(home, "cart:show c1").out;
        assertTrue(cart, cart.matches("(?s).*apple +3.*"));

        // scripts see failure: a refused swap exits 1, the report on stdout, the one-line cause on stderr
        ChildJvm.Result refused = baton("ctl", "--home", home, "baton:swap io.baton.example.cart.impl@2.0.0").await(120);
        assertEquals(refused.toString(), 1, refused.exit);
        assertTrue(refused.out, refused.out.contains(": REFUSED - VALIDATE: io.baton.example.cart.impl 2.0.0 is already running"));
        assertTrue(refused.err, refused.err.contains("REFUSED: VALIDATE: io.baton.example.cart.impl 2.0.0 is already running")
                && !refused.err.contains("\tat "));
        ChildJvm.Result refusedJson = baton("ctl", "--home", home, "baton:swap --json io.baton.example.cart.impl@2.0.0").await(120);
        assertEquals(1, refusedJson.exit);
        assertTrue("the JSON report is still on stdout: " + refusedJson.out, refusedJson.out.contains("\"status\" : \"REFUSED\""));
        String refusedInHistory = ctl(home, "baton:history -n 1").out;
        assertTrue("every attempt is in history: " + refusedInHistory, refusedInHistory.matches("(?s).*SWAP +REFUSED .*already running.*"));
        ChildJvm.Result execRefused = baton("exec", "--home", tmp.newFolder("exec-home").toString(), "-c",
                "baton:plan " + Path.of(System.getProperty("baton.examples"), "example.cart.impl.v1/target/example.cart.impl.v1-1.0.0.jar")).await(120);
        assertEquals("exec too: a plan that would be refused exits 1: " + execRefused, 1, execRefused.exit);

        running.set(false);
        watcher.join(120_000);
        assertEquals("the container answered every request: " + failures, List.of(), failures);
        assertTrue("it was asked while being swapped: " + answered, answered.get() > 0);

        container.process.destroy(); // SIGTERM
        ChildJvm.Result stopped = container.await(60);
        assertTrue(stopped.toString(), stopped.err.contains("Baton stopped"));
        assertTrue("the control channel is closed with it", !java.nio.file.Files.exists(Path.of(home, "ctl.port")));
    }
}
