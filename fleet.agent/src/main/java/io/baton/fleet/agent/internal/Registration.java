package io.baton.fleet.agent.internal;

import io.baton.fleet.agent.LocalNode;
import io.baton.fleet.agent.NodeInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's ephemeral registration ({@code nodes/<id>}): re-created by Curator after a new session,
 * refreshed about once a second with the managed versions, the local trial, health, the last
 * verdict and the per-operation metrics the coordinator's analysis reads.
 */
public final class Registration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
    static final long REFRESH_MILLIS = 1000;

    private final String nodeId;
    private final Map<String, String> labels;
    private final LocalNode node;
    private final PersistentNode znode;
    private final ScheduledExecutorService refresher;
    private volatile String lastVerdict;
    private volatile String lastHealth = "SERVING";

    public Registration(CuratorFramework curator, FleetPaths paths, String nodeId, Map<String, String> labels, LocalNode node) {
        this.nodeId = nodeId;
        this.labels = new LinkedHashMap<>(labels);
        this.node = node;
        this.znode = new PersistentNode(curator, CreateMode.EPHEMERAL, false, paths.node(nodeId), Json.bytes(info()));
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fleet-registration-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates the znode and waits (bounded) until it exists. */
    public void start(long waitMillis) throws InterruptedException {
        znode.start();
        if (!znode.waitForInitialCreate(waitMillis, TimeUnit.MILLISECONDS)) {
            LOG.warn("Node {}: registration not created within {} ms; it will be when ZooKeeper answers", nodeId, waitMillis);
        }
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("Node {}: registered with labels {}", nodeId, labels);
    }

    /** Remembers the node's last rollout verdict, published with the next refresh. */
    public void lastVerdict(String verdict) {
        this.lastVerdict = verdict;
        refresh();
    }

    private void refresh() {
        try {
            znode.setData(Json.bytes(info()));
        } catch (Exception e) {
            LOG.debug("Node {}: registration not refreshed: {}", nodeId, e.toString());
        }
    }

    private NodeInfo info() {
        NodeInfo info = new NodeInfo();
        info.id = nodeId;
        info.labels = labels;
        info.pid = ProcessHandle.current().pid();
        info.updatedAt = System.currentTimeMillis();
        info.lastVerdict = lastVerdict;
        try {
            info.managed = node.managedVersions();
            info.trial = node.trialSwapId();
            info.metrics = node.metrics();
            info.health = "SERVING";
        } catch (RuntimeException e) {
            info.health = "DEGRADED: " + e.getMessage();
        }
        if (!info.health.equals(lastHealth)) {
            LOG.info("Node {}: health {}", nodeId, info.health);
            lastHealth = info.health;
        }
        return info;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            znode.close();
        } catch (Exception e) {
            LOG.debug("Node {}: registration close: {}", nodeId, e.toString());
        }
    }
}
