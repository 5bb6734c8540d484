package io.baton.fleet.agent.internal;

import io.baton.fleet.agent.LocalNode;
import io.baton.fleet.agent.NodePhase;
import io.baton.fleet.agent.NodeProgress;
import io.baton.fleet.agent.Rollout;
import io.baton.fleet.agent.RolloutState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's part of a rollout, on one thread: plan the targets when the rollout validates; once
 * admitted, take a lease of the rollout's semaphore (at most {@code maxUnavailable} holders, enforced
 * by ZooKeeper), swap locally, hold the lease through the local probation, report the verdict, give
 * the lease back; on abort, roll back locally. Every step is reported in the node's progress znode
 * before the next begins, so a restarted agent (or a new coordinator) knows what was done.
 *
 * <p>While its ZooKeeper connection is suspended or lost the worker takes no new work; a trial
 * already running goes on to its local verdict (the container keeps serving throughout).
 */
public final class NodeWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeWorker.class);
    static final long TICK_MILLIS = 250;
    /** After its probation, how long a node may take to reach a local verdict before it counts as failed. */
    static final long VERDICT_GRACE_MILLIS = 60_000;
    /** Swap attempts per node and rollout: a JVM that died mid-swap is tried once more. */
    static final int MAX_ATTEMPTS = 2;

    private final CuratorFramework curator;
    private final FleetPaths paths;
    private final FleetReader reader;
    private final String nodeId;
    private final LocalNode node;
    private final Registration registration;
    private final TickLoop loop;
    private final Set<String> seen = new HashSet<>();
    private volatile boolean connected = true;
    private volatile boolean closed;

    public NodeWorker(CuratorFramework curator, FleetPaths paths, String nodeId, LocalNode node, Registration registration) {
        this.curator = curator;
        this.paths = paths;
        this.reader = new FleetReader(curator, paths);
        this.nodeId = nodeId;
        this.node = node;
        this.registration = registration;
        this.loop = new TickLoop("fleet-agent-" + nodeId, TICK_MILLIS, LOG, () -> {
            if (this.connected) {
                tick();
            }
        }, e -> false);
    }

    public void start() {
        loop.start();
    }

    /** Told by the connection listener: false on SUSPENDED or LOST (no new work), true on (RE)CONNECTED. */
    public void connected(boolean connected) {
        this.connected = connected;
    }

    private void tick() throws Exception {
        String id = reader.activeId(new Stat());
        if (id == null) {
            // no active rollout: the newest one may still need this node (abort ended while it was away)
            List<String> ids = reader.rolloutIds();
            if (ids.isEmpty()) {
                return;
            }
            id = ids.get(ids.size() - 1);
        }
        Rollout r = reader.rollout(id, new Stat());
        if (r == null || !r.nodes.contains(nodeId)) {
            return;
        }
        NodeProgress p = reader.progress(id, nodeId);
        if (seen.add(id) && p != null && p.phase.inFlight()) {
            p = reconcile(r, p);
        }
        switch (r.state) {
            case VALIDATING:
                if (p == null) {
                    plan(r);
                }
                break;
            case RUNNING:
                if (r.admitted.containsKey(nodeId) && p != null && (p.phase == NodePhase.PLANNED
                        || (p.phase == NodePhase.INTERRUPTED && p.attempts < MAX_ATTEMPTS))) {
                    swapUnderLease(r, p);
                }
                break;
            case ABORTING:
            case ROLLED_BACK:
            case ROLLBACK_FAILED:
                if (p != null && (p.phase == NodePhase.TRIAL || p.phase == NodePhase.PASSED)) {
                    rollback(r, p);
                }
                break;
            default:
                break;
        }
    }

    /** The progress says SWAPPING or TRIAL but no swap runs here: the JVM died, and crash recovery ran at start. */
    private NodeProgress reconcile(Rollout r, NodeProgress p) {
        NodePhase before = p.phase;
        LocalNode.Verdict v = p.swapId == null ? null : node.verdict(p.swapId);
        if (v != null && v.kind == LocalNode.Verdict.Kind.PENDING) {
            awaitVerdict(r, p);
            return p;
        }
        if (v != null && v.kind == LocalNode.Verdict.Kind.PASSED) {
            p.phase = NodePhase.PASSED;
            p.verdictAt = System.currentTimeMillis();
        } else {
            p.phase = NodePhase.INTERRUPTED;
            p.detail = "the agent restarted in " + before + " (attempt " + p.attempts + "); the container runs " + node.managedVersions();
        }
        LOG.info("Node {}: rollout {}: reconciled {} -> {} ({})", nodeId, r.id, before, p.phase, p.detail);
        publishUntilDone(r.id, p);
        return p;
    }

    private void plan(Rollout r) {
        LocalNode.Plan plan = node.plan(r.targets);
        NodeProgress p = new NodeProgress();
        p.node = nodeId;
        p.plannedAt = System.currentTimeMillis();
        plan.versions.forEach((bsn, v) -> {
            p.fromVersions.put(bsn, v[0]);
            p.toVersions.put(bsn, v[1]);
        });
        p.phase = !plan.ok ? NodePhase.PLAN_REFUSED : plan.alreadyThere() ? NodePhase.SKIPPED : NodePhase.PLANNED;
        p.detail = plan.failure;
        LOG.info("Node {}: rollout {}: plan {}{}", nodeId, r.id, p.phase, plan.failure == null ? "" : ": " + plan.failure);
        publishUntilDone(r.id, p);
    }

    private void swapUnderLease(Rollout r, NodeProgress p) throws Exception {
        InterProcessSemaphoreV2 semaphore = new InterProcessSemaphoreV2(curator, paths.lease(r.id), r.strategy.maxUnavailable);
        semaphore.setNodeData(nodeId.getBytes(StandardCharsets.UTF_8));
        Lease lease = semaphore.acquire(500, TimeUnit.MILLISECONDS);
        if (lease == null) {
            return;
        }
        try {
            // the rollout may have been paused or aborted while this node waited for its lease
            Rollout now = reader.rollout(r.id, new Stat());
            if (now == null || now.state != RolloutState.RUNNING) {
                return;
            }
            String dead = deadInFlight(now);
            if (dead != null) {
                LOG.info("Node {}: rollout {}: node {} died in flight and counts as unavailable until it returns; not swapping",
                        nodeId, r.id, dead);
                return;
            }
            p.phase = NodePhase.SWAPPING;
            p.attempts++;
            p.swapStartedAt = System.currentTimeMillis();
            p.detail = null;
            publish(r.id, p);
            LOG.info("Node {}: rollout {}: lease taken, swapping to {} (attempt {})", nodeId, r.id, r.targets, p.attempts);
            LocalNode.SwapResult s = node.swap(r.targets, Duration.ofMillis(r.strategy.probationMillis));
            if (!s.swapped) {
                p.phase = NodePhase.FAILED;
                p.swapId = s.swapId;
                p.detail = s.failure;
                p.verdictAt = System.currentTimeMillis();
                LOG.info("Node {}: rollout {}: swap failed, the old set serves: {}", nodeId, r.id, s.failure);
                publishUntilDone(r.id, p);
                registration.lastVerdict(r.id + " FAILED");
                return;
            }
            p.phase = NodePhase.TRIAL;
            p.swapId = s.swapId;
            p.checkpointId = s.checkpointId;
            p.trialAt = System.currentTimeMillis();
            LOG.info("Node {}: rollout {}: {} in TRIAL for {} ms", nodeId, r.id, s.swapId, r.strategy.probationMillis);
            publishUntilDone(r.id, p);
            awaitVerdict(r, p);
        } finally {
            try {
                semaphore.returnLease(lease);
            } catch (Exception e) {
                LOG.debug("Node {}: lease return: {} (a lost session already freed it)", nodeId, e.toString());
            }
        }
    }

    /** Waits for the local probation's verdict; an abort meanwhile rolls the trial back at once. */
    private void awaitVerdict(Rollout r, NodeProgress p) {
        long deadline = System.currentTimeMillis() + r.strategy.probationMillis + VERDICT_GRACE_MILLIS;
        while (!closed) {
            LocalNode.Verdict v = node.verdict(p.swapId);
            if (v.kind == LocalNode.Verdict.Kind.PASSED) {
                p.phase = NodePhase.PASSED;
                break;
            }
            if (v.kind != LocalNode.Verdict.Kind.PENDING) {
                p.phase = NodePhase.FAILED;
                p.detail = v.detail;
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                p.phase = NodePhase.FAILED;
                p.detail = "no local verdict within the probation + " + VERDICT_GRACE_MILLIS + " ms";
                break;
            }
            if (connected && aborting(r.id)) {
                rollback(r, p);
                return;
            }
            sleep(200);
        }
        if (closed) {
            return;
        }
        p.verdictAt = System.currentTimeMillis();
        LOG.info("Node {}: rollout {}: {} {}{}", nodeId, r.id, p.swapId, p.phase, p.detail == null ? "" : " (" + p.detail + ")");
        publishUntilDone(r.id, p);
        registration.lastVerdict(r.id + " " + p.phase);
    }

    private boolean aborting(String rolloutId) {
        try {
            Rollout now = reader.rollout(rolloutId, new Stat());
            return now != null && now.state == RolloutState.ABORTING;
        } catch (Exception e) {
            return false;
        }
    }

    private void rollback(Rollout r, NodeProgress p) {
        LOG.info("Node {}: rollout {} is {}: rolling back {} (checkpoint {})", nodeId, r.id, r.state, p.swapId, p.checkpointId);
        String failure = node.rollback(p.swapId, p.checkpointId);
        p.phase = failure == null ? NodePhase.ROLLED_BACK : NodePhase.ROLLBACK_FAILED;
        p.detail = failure;
        p.rolledBackAt = System.currentTimeMillis();
        LOG.info("Node {}: rollout {}: {}{}", nodeId, r.id, p.phase, failure == null ? "" : ": " + failure);
        publishUntilDone(r.id, p);
        registration.lastVerdict(r.id + " " + p.phase);
    }

    /** @return a node of the rollout that was swapping or in probation and is no longer registered, or null */
    private String deadInFlight(Rollout r) throws Exception {
        Set<String> registered = new HashSet<>(reader.children(paths.nodes()));
        for (String n : r.nodes) {
            if (!n.equals(nodeId) && !registered.contains(n)) {
                NodeProgress other = reader.progress(r.id, n);
                if (other != null && other.phase.inFlight()) {
                    return n;
                }
            }
        }
        return null;
    }

    private void publish(String rolloutId, NodeProgress p) throws Exception {
        p.node = nodeId;
        p.updatedAt = System.currentTimeMillis();
        String path = paths.progress(rolloutId, nodeId);
        try {
            curator.setData().forPath(path, Json.bytes(p));
        } catch (KeeperException.NoNodeException e) {
            curator.create().creatingParentsIfNeeded().forPath(path, Json.bytes(p));
        }
    }

    /** Reports must not be lost: the local state already changed. Retries until ZooKeeper takes it (or close). */
    private void publishUntilDone(String rolloutId, NodeProgress p) {
        boolean warned = false;
        while (!closed) {
            try {
                publish(rolloutId, p);
                return;
            } catch (Exception e) {
                if (!warned) {
                    LOG.warn("Node {}: cannot report {} for rollout {} yet ({}); retrying", nodeId, p.phase, rolloutId, e.toString());
                    warned = true;
                }
                sleep(500);
            }
        }
    }

    private void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        loop.close(5000);
    }
}
