package io.baton.demo.cart.internal;

import io.baton.demo.cart.FleetDemo;
import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.NodeInfo;
import io.baton.fleet.agent.Rollout;
import io.baton.fleet.agent.RolloutClient;
import io.baton.fleet.agent.RolloutState;
import io.baton.fleet.agent.Strategy;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * The fleet demo's phases: a ZooKeeper server in this JVM, the nodes (child JVMs) serving cart 1.0.0,
 * HTTP load on every node, three good rollouts' worth of versions (2.0.0, 3.0.0) and the faulty 3.1.0,
 * then the verdict ({@link FleetVerdict}), the table and the report ({@link FleetReport}).
 */
public final class FleetDemoRun {
    private static final String CART = FleetWatch.CART;
    private static final String PATH = "/demo";
    private static final Duration ROLLOUT_WAIT = Duration.ofMinutes(5);
    /** Per node: two clients, 60 requests a second together. */
    private static final int CLIENTS = 2;
    private static final int RATE = 60;

    private final FleetDemo.Options options;
    private final PrintStream out;
    private final long origin = System.nanoTime();
    private final long originWall = System.currentTimeMillis();

    public FleetDemoRun(FleetDemo.Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public boolean run() throws Exception {
        Path work = Files.createTempDirectory("baton-fleet-demo-");
        DemoRepository repo = DemoRepository.extractTo(work.resolve("repository"));
        ZooKeeperServerEmbedded zk = null;
        List<FleetNode> nodes = new ArrayList<>();
        Map<String, LoadGenerator> loads = new LinkedHashMap<>();
        try {
            int port = freePort();
            zk = zookeeper(work.resolve("zookeeper"), port);
            String connect = "127.0.0.1:" + port;
            out.println("ZooKeeper (embedded, in this JVM) at " + connect + "; fleet path " + PATH + "; work directory " + work);
            for (int i = 1; i <= options.nodes(); i++) {
                nodes.add(FleetNode.start(options.batonJar(), work, "node-" + i, connect, PATH, repo.index().toUri(), i % 2 == 1 ? "a" : "b"));
            }
            for (FleetNode n : nodes) {
                n.deploy(CART + "@1.0.0 io.baton.example.cart.web");
                out.println(n.id + ": serving cart 1.0.0 at " + n.web() + "/carts");
            }
            try (RolloutClient client = RolloutClient.connect(new FleetConfig().connectString(connect).path(PATH))) {
                awaitRegistrations(client);
                for (FleetNode n : nodes) {
                    LoadGenerator load = new LoadGenerator(n.web(), CLIENTS, RATE, origin);
                    load.start();
                    loads.put(n.id, load);
                }
                List<Rollout> rollouts = new ArrayList<>();
                List<String> checks = new ArrayList<>();
                FleetWatch watch = new FleetWatch(client, loads, origin, out);
                try {
                    Thread.sleep(2000); // a baseline on 1.0.0 before the first rollout
                    rollouts.add(rollout(client, "2.0.0", Duration.ofSeconds(3), checks, loads));
                    rollouts.add(rollout(client, "3.0.0", Duration.ofSeconds(3), checks, loads));
                    rollouts.add(rollout(client, "3.1.0", Duration.ofSeconds(20), checks, loads));
                    Thread.sleep(1000);
                } finally {
                    watch.close();
                    for (LoadGenerator load : loads.values()) {
                        load.stop();
                    }
                }
                Map<String, NodeInfo> registered = client.nodes();
                Map<String, List<RequestRecord>> records = new LinkedHashMap<>();
                loads.forEach((id, load) -> records.put(id, load.records()));
                FleetVerdict verdict = new FleetVerdict(rollouts, client.status(rollouts.get(2).id), registered, records, loads, checks, originWall);
                List<String> table = verdict.table();
                out.println();
                table.forEach(out::println);
                FleetReport.write(options.reportDir(), watch.samples, records, rollouts, table, verdict.problems());
                out.println();
                out.println("Report: " + options.reportDir().resolve("report.md").toAbsolutePath());
                if (verdict.problems().isEmpty()) {
                    out.println("PASSED: every invariant held");
                    return true;
                }
                verdict.problems().forEach(p -> out.println("FAILED: " + p));
                return false;
            }
        } finally {
            for (FleetNode n : nodes) {
                n.close();
            }
            if (zk != null) {
                zk.close();
            }
        }
    }

    private Rollout rollout(RolloutClient client, String version, Duration probation, List<String> checks, Map<String, LoadGenerator> loads)
            throws Exception {
        Strategy s = new Strategy();
        s.canary = "1";
        s.batchSize = 2;
        s.maxUnavailable = 1;
        s.probationMillis = probation.toMillis();
        s.minCalls = 10;
        s.progressDeadlineMillis = 120_000;
        out.println();
        out.println("> rollout start --canary 1 --batch 2 --max-unavailable 1 --probation " + probation.toSeconds() + "s " + CART + "@" + version);
        Rollout r = client.start(List.of(CART + "@" + version), s, "demo");
        Rollout done = client.await(r.id, RolloutState::terminal, ROLLOUT_WAIT);
        out.println("  " + done.id + ": " + done.state + (done.reason == null ? "" : " (" + done.reason + ")"));
        for (Map.Entry<String, LoadGenerator> e : loads.entrySet()) {
            for (String problem : e.getValue().requestCheck(Duration.ofSeconds(15))) {
                checks.add(e.getKey() + " after " + done.id + ": " + problem);
            }
        }
        return client.status(r.id).rollout;
    }

    private void awaitRegistrations(RolloutClient client) throws InterruptedException, IOException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (client.nodes().size() < options.nodes()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("Only " + client.nodes().keySet() + " of " + options.nodes() + " nodes registered within 60 s");
            }
            Thread.sleep(200);
        }
    }

    private static ZooKeeperServerEmbedded zookeeper(Path dir, int port) throws Exception {
        Files.createDirectories(dir);
        Properties config = new Properties();
        config.setProperty("clientPort", Integer.toString(port));
        config.setProperty("clientPortAddress", "127.0.0.1");
        config.setProperty("tickTime", "500");
        config.setProperty("admin.enableServer", "false");
        ZooKeeperServerEmbedded zk = ZooKeeperServerEmbedded.builder().baseDir(dir).configuration(config).exitHandler(ExitHandler.LOG_ONLY).build();
        try {
            zk.start(30_000);
        } catch (Exception e) {
            zk.close();
            throw new IOException("The demo's ZooKeeper server did not start on 127.0.0.1:" + port + " within 30 s: " + e, e);
        }
        return zk;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
