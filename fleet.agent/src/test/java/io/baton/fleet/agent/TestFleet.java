package io.baton.fleet.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.KeeperException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/** Agents over fake nodes on one fleet path of a real ensemble, and an operator's client; closes all. */
public final class TestFleet implements AutoCloseable {
    public static final String BSN = "cart";
    public final String path;
    public final Map<String, FakeNode> nodes = new LinkedHashMap<>();
    public final Map<String, FleetAgent> agents = new LinkedHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final String connectString;
    private static final AtomicInteger FLEETS = new AtomicInteger();

    public TestFleet(String connectString, String name) {
        this.connectString = connectString;
        this.path = "/test/" + name + "-" + FLEETS.incrementAndGet();
        FakeNode.resetCounters();
    }

    public FleetConfig config(String node) {
        return new FleetConfig().connectString(connectString).path(path).nodeId(node)
                .sessionTimeout(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(5));
    }

    /** Starts an agent for a new fake node on version 1.0.0. */
    public FakeNode agent(String node, Map<String, String> labels) {
        return agent(config(node), labels);
    }

    public FakeNode agent(FleetConfig config, Map<String, String> labels) {
        FakeNode fake = nodes.computeIfAbsent(config.nodeId(), n -> new FakeNode(BSN, "1.0.0"));
        labels.forEach(config::label);
        FleetAgent agent = FleetAgent.start(config, fake);
        agents.put(config.nodeId(), agent);
        closeables.add(0, agent);
        return fake;
    }

    public RolloutClient client() {
        RolloutClient c = RolloutClient.connect(new FleetConfig().connectString(connectString).path(path)
                .connectTimeout(Duration.ofSeconds(5)));
        closeables.add(c);
        return c;
    }

    /** A fast strategy for fakes: short probation, quick analyses. */
    public static Strategy strategy(String canary, int batch, int maxUnavailable) {
        Strategy s = new Strategy();
        s.canary = canary;
        s.batchSize = batch;
        s.maxUnavailable = maxUnavailable;
        s.probationMillis = 300;
        s.analysisIntervalMillis = 200;
        s.minCalls = 10;
        s.progressDeadlineMillis = 60_000;
        return s;
    }

    /**
     * Samples, every few milliseconds, the lease's participants (node ids in the lease znodes' data)
     * and the fakes in TRIAL; a sample where two nodes are in TRIAL, or one is in TRIAL without being a
     * participant, is a violation.
     */
    public LeaseSampler sampleLeases(String rolloutId) {
        LeaseSampler s = new LeaseSampler(connectString, path + "/leases/" + rolloutId, nodes);
        closeables.add(0, s);
        return s;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    /** The lease's participants over time, read by its own client, against the nodes in TRIAL. */
    public static final class LeaseSampler implements AutoCloseable {
        public final AtomicInteger max = new AtomicInteger();
        public final AtomicLong trialSamples = new AtomicLong();
        public final Collection<String> violations = new ConcurrentLinkedQueue<>();
        private final CuratorFramework client;
        private final Thread thread;
        private volatile boolean closed;

        LeaseSampler(String connectString, String leasePath, Map<String, FakeNode> nodes) {
            client = CuratorFrameworkFactory.newClient(connectString, new RetryOneTime(100));
            client.start();
            thread = new Thread(() -> {
                while (!closed) {
                    try {
                        Set<String> before = participants(leasePath + "/leases");
                        Set<String> trial = new TreeSet<>();
                        nodes.forEach((n, fake) -> {
                            if (fake.trialSwapId() != null) {
                                trial.add(n);
                            }
                        });
                        Set<String> after = participants(leasePath + "/leases");
                        max.accumulateAndGet(Math.max(before.size(), after.size()), Math::max);
                        if (!trial.isEmpty()) {
                            trialSamples.incrementAndGet();
                        }
                        Set<String> held = new TreeSet<>(before);
                        held.addAll(after);
                        if (trial.size() > 1 || !held.containsAll(trial)) {
                            violations.add("in TRIAL " + trial + ", lease participants " + held);
                        }
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // no quorum, or the lease not created yet: no sample
                    }
                }
            }, "lease-sampler");
            thread.start();
        }

        private Set<String> participants(String path) throws Exception {
            Set<String> ids = new TreeSet<>();
            if (client.checkExists().forPath(path) == null) {
                return ids;
            }
            for (String child : client.getChildren().forPath(path)) {
                try {
                    ids.add(new String(client.getData().forPath(path + "/" + child), StandardCharsets.UTF_8));
                } catch (KeeperException.NoNodeException e) {
                    // returned meanwhile
                }
            }
            return ids;
        }

        @Override
        public void close() throws Exception {
            closed = true;
            thread.interrupt();
            thread.join(2000);
            client.close();
        }
    }
}
