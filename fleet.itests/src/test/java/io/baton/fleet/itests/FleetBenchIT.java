package io.baton.fleet.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.NodeProgress;
import io.baton.fleet.agent.Rollout;
import io.baton.fleet.agent.RolloutClient;
import io.baton.fleet.agent.RolloutState;
import io.baton.fleet.agent.RolloutStatus;
import io.baton.fleet.agent.Step;
import io.baton.fleet.agent.Strategy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.data.Stat;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The fleet benchmark (issue 15), not a test: it runs only with {@code -Dfleet.bench=true} and asserts
 * nothing about time. Five real nodes ({@code baton.jar run --fleet} child JVMs, 3 s sessions) on an
 * in-process ensemble of three servers: rollouts of five nodes (canary 1, batches of 2, maxUnavailable
 * 2, 2 s probation) with the total against each step's local critical path; the faulty 3.1.0 under
 * load at the canary, from its local verdict to the fleet's abort; the coordinator's failover after a
 * SIGTERM and after a SIGKILL of its JVM. Prints the numbers and writes
 * {@code bench/results/<date>-fleet.md}.
 */
public class FleetBenchIT {
    private static final List<String> IDS = List.of("b1", "b2", "b3", "b4", "b5");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private FleetRig fleet;
    private final List<String> report = new ArrayList<>();

    @Before
    public void ensemble() throws Exception {
        assumeTrue("the fleet benchmark runs with -Dfleet.bench=true", Boolean.getBoolean("fleet.bench"));
        fleet = FleetRig.start(tmp.newFolder("fleet").toPath());
    }

    @After
    public void stop() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    public void rolloutOverheadDetectionToAbortAndFailover() throws Exception {
        for (String id : IDS) {
            fleet.node(id);
        }
        for (String id : IDS) {
            fleet.deploy(id, "io.baton.example.cart.api io.baton.example.cart.impl@1.0.0 io.baton.example.cart.web");
        }
        String connect = fleet.zk.getConnectString();
        try (RolloutClient client = RolloutClient.connect(new FleetConfig().connectString(connect).path("/it"))) {
            FleetRig.await("five registrations", () -> client.nodes().size() == IDS.size());
            line("# Fleet benchmark, " + Instant.now());
            line("");
            line("Made by `fleet.itests/FleetBenchIT` (`-Dfleet.bench=true`): five `baton.jar run --fleet` child JVMs on one machine, "
                    + "an in-process ensemble of three ZooKeeper servers (Curator's TestingCluster), 3 s sessions; "
                    + Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage() + " at start.");
            line("");
            line("## Rollouts of five nodes: total vs. the local swaps");
            line("");
            line("Canary 1, batches of 2, maxUnavailable 2, probation 2 s, no load. *local path*: per step, the longest node's swap start"
                    + " to its local verdict (swap + probation + commit), summed over the steps; *overhead* = total - local path (validation, admissions,"
                    + " leases, reports, analysis), per step beside it.");
            line("");
            line("| rollout | total ms | sum of local swaps ms | local path ms | overhead ms | steps | overhead per step ms |");
            line("|---|---|---|---|---|---|---|");
            rollout(client, "1.0.0", "2.0.0");
            rollout(client, "2.0.0", "3.0.0");

            CartLoad load = CartLoad.start("b1", fleet.home("b1"), 10);
            try {
                detection(client);
            } finally {
                load.close();
            }
            failover(connect);
        }
        line("");
        line("Numbers from one run on a shared machine: read them as orders of magnitude and ratios, not limits.");
        Path results = Path.of(System.getProperty("bench.results", "target"));
        Files.createDirectories(results);
        Path file = results.resolve(LocalDate.now() + "-fleet.md");
        Files.write(file, report, StandardCharsets.UTF_8);
        System.out.println("Fleet bench results written to " + file.toAbsolutePath());
    }

    private void rollout(RolloutClient client, String from, String version) throws Exception {
        Strategy s = new Strategy();
        s.canary = "1";
        s.batchSize = 2;
        s.maxUnavailable = 2;
        s.probationMillis = 2000;
        s.minCalls = 0;
        Rollout r = client.start(List.of(FleetRig.CART + "@" + version), s, "bench");
        Rollout done = client.await(r.id, RolloutState::terminal, FleetRig.WAIT);
        assertEquals(done.reason, RolloutState.COMPLETED, done.state);
        RolloutStatus st = client.status(r.id);
        long total = done.endedAt - done.createdAt;
        long swaps = st.progress.values().stream().mapToLong(p -> p.trialAt - p.swapStartedAt).sum();
        long path = 0;
        for (Step step : done.steps) {
            path += step.nodes.stream().map(st.progress::get).mapToLong(p -> p.verdictAt - p.swapStartedAt).max().orElse(0);
        }
        line(String.format("| %s -> %s | %d | %d | %d | %d | %d | %d |", from, version, total, swaps, path, total - path, done.steps.size(),
                (total - path) / done.steps.size()));
    }

    private void detection(RolloutClient client) throws Exception {
        Thread.sleep(3000); // calls on the old version at the canary
        Strategy s = new Strategy();
        s.canary = "1";
        s.batchSize = 2;
        s.maxUnavailable = 2;
        s.probationMillis = 20_000;
        s.minCalls = 0;
        Rollout r = client.start(List.of(FleetRig.CART + "@3.1.0"), s, "bench");
        Rollout done = client.await(r.id, RolloutState::terminal, FleetRig.WAIT);
        RolloutStatus st = client.status(r.id);
        String canary = done.steps.get(0).nodes.get(0);
        NodeProgress p = st.progress.get(canary);
        long aborting = done.timeline.stream().filter(e -> e.event.equals("aborting")).mapToLong(e -> e.at).findFirst().orElse(-1);
        line("");
        line("## Detection at the canary to the fleet-wide abort");
        line("");
        line("The faulty 3.1.0 (every 4th add fails) under 100 adds/s at the canary " + canary + ", its local error-rate detector on: "
                + done.state + ".");
        line("");
        line("| from | to | ms |");
        line("|---|---|---|");
        line("| canary's TRIAL | its local verdict (detector, rollback, report) | " + (p.verdictAt - p.trialAt) + " |");
        line("| canary's local verdict reported | coordinator's ABORTING | " + (aborting - p.verdictAt) + " |");
        line("| coordinator's ABORTING | ROLLED_BACK | " + (done.endedAt - aborting) + " |");
    }

    private void failover(String connect) throws Exception {
        CuratorFramework zk = CuratorFrameworkFactory.newClient(connect, new RetryOneTime(100));
        zk.start();
        try {
            zk.blockUntilConnected();
            line("");
            line("## Coordinator failover");
            line("");
            line("From the leader's JVM ended to the next coordinator's epoch taken (the `epoch` znode's data version bumped). Sessions 3 s.");
            line("");
            line("| how the leader ended | leader | failover ms |");
            line("|---|---|---|");
            for (boolean kill : new boolean[] {false, true}) {
                String leader = leader(zk);
                int epoch = zk.checkExists().forPath("/it/epoch").getVersion();
                Child c = fleet.nodes.get(leader);
                long t0 = System.nanoTime();
                if (kill) {
                    c.process.destroyForcibly();
                } else {
                    c.process.destroy();
                }
                while (zk.checkExists().forPath("/it/epoch").getVersion() == epoch) {
                    Thread.sleep(5);
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                line("| " + (kill ? "SIGKILL (its session expires)" : "SIGTERM (its agent closes, latch released)") + " | " + leader + " | " + ms + " |");
                c.process.waitFor();
            }
        } finally {
            zk.close();
        }
    }

    /** The LeaderLatch participant with the lowest sequence; its data is the agent's node id. */
    private static String leader(CuratorFramework zk) throws Exception {
        List<String> children = new ArrayList<>(zk.getChildren().forPath("/it/leader"));
        children.sort(Comparator.comparing(n -> n.substring(n.lastIndexOf('-') + 1)));
        return new String(zk.getData().storingStatIn(new Stat()).forPath("/it/leader/" + children.get(0)), StandardCharsets.UTF_8);
    }

    private static String loadAverage() {
        return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private void line(String s) {
        System.out.println(s);
        report.add(s);
    }
}
