package io.baton.fleet.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;

/**
 * What the fleet ITs share: an in-process ensemble of three ZooKeeper servers on loopback (started
 * with one retry: its random ports can be taken before use), {@code baton.jar run --fleet} nodes as
 * child JVMs on homes under one directory, the {@code rollout} CLI, and bounded waits.
 */
final class FleetRig implements AutoCloseable {
    static final String INDEX = Path.of(System.getProperty("baton.index")).toUri().toString();
    static final Duration WAIT = Duration.ofSeconds(120);
    static final String CART = "io.baton.example.cart.impl";

    final TestingCluster zk;
    final Path dir;
    final Map<String, Child> nodes = new LinkedHashMap<>();
    private final List<Child> all = new ArrayList<>();

    private FleetRig(TestingCluster zk, Path dir) {
        this.zk = zk;
        this.dir = dir;
    }

    static FleetRig start(Path dir) throws Exception {
        for (int attempt = 0; ; attempt++) {
            List<InstanceSpec> specs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                specs.add(new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1, Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"));
            }
            TestingCluster zk = new TestingCluster(specs);
            try {
                zk.start();
                return new FleetRig(zk, dir);
            } catch (Exception e) {
                zk.close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    List<String> fleet() {
        return fleet(zk.getConnectString());
    }

    static List<String> fleet(String connect) {
        return List.of("--fleet", connect, "--fleet-path", "/it");
    }

    Path home(String id) {
        return dir.resolve(id);
    }

    /** Starts {@code baton.jar run --fleet} for node {@code id} (zone=a, 3 s session) with extra options. */
    Child node(String id, String connect, List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--no-console", "--home", home(id).toString(), "--repo", INDEX,
                "--node", id, "--label", "zone=a", "--fleet-session-timeout", "3s"));
        args.addAll(extra);
        args.addAll(fleet(connect));
        Child c = Child.start(dir, id + "-" + all.size(), args);
        all.add(c);
        nodes.put(id, c);
        return c;
    }

    Child node(String id) throws Exception {
        return node(id, zk.getConnectString(), List.of());
    }

    /** Waits for the node's control channel, then deploys the bundles through {@code ctl baton:deploy}. */
    void deploy(String id, String bundles) throws Exception {
        await(id + " control channel", () -> Files.exists(home(id).resolve("ctl.port")));
        Child deploy = Child.run(dir, "deploy-" + id, List.of("ctl", "--home", home(id).toString(), "baton:deploy " + bundles));
        if (deploy.exit() != 0) {
            throw new AssertionError("deploy on " + id + ": " + deploy);
        }
    }

    /** {@code baton.jar ARGS --fleet ... --fleet-path /it}, run to its end. */
    Child cli(String name, List<String> args) throws Exception {
        List<String> full = new ArrayList<>(args);
        full.addAll(fleet());
        return Child.run(dir, name, full);
    }

    static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        all.forEach(c -> c.process.destroyForcibly());
        zk.close();
    }
}
