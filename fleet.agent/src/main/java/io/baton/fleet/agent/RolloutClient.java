package io.baton.fleet.agent;

import io.baton.fleet.agent.FleetException.FleetUsageException;
import io.baton.fleet.agent.FleetException.RolloutException;
import io.baton.fleet.agent.internal.FleetPaths;
import io.baton.fleet.agent.internal.FleetReader;
import io.baton.fleet.agent.internal.FleetView;
import io.baton.fleet.agent.internal.Json;
import io.baton.fleet.agent.internal.OperatorRequest;
import io.baton.fleet.agent.internal.ZkClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The operator's side of the fleet ({@code baton.jar rollout ...}): submit a rollout, read its status
 * and history, ask for pause, resume or abort. It never drives nodes: the coordinator does, so these
 * calls work with any agent as the leader and survive the operator's process.
 *
 * <p>Not thread-safe; close it.
 */
public final class RolloutClient implements AutoCloseable {
    private static final String ID_PREFIX = "r-";

    private final ZkClient zk;
    /** False for a client that reads through an agent's connection: closing it leaves that open. */
    private final boolean ownsConnection;
    private final CuratorFramework curator;
    private final FleetPaths paths;
    private final FleetReader reader;

    private RolloutClient(ZkClient zk, boolean ownsConnection) {
        this.zk = zk;
        this.ownsConnection = ownsConnection;
        this.curator = zk.curator();
        this.paths = zk.paths();
        this.reader = new FleetReader(curator, paths);
    }

    /**
     * @throws FleetUsageException if the ensemble does not answer within the connect timeout, or the path is another ACL's
     */
    public static RolloutClient connect(FleetConfig config) {
        return new RolloutClient(ZkClient.connect(config.check(false)), true);
    }

    /** @return a client over an agent's open connection, which {@link #close()} leaves open */
    static RolloutClient over(ZkClient zk) {
        return new RolloutClient(zk, false);
    }

    /** @return true if the fleet has at least one rollout, active or ended */
    public boolean anyRollout() {
        try {
            return reader.activeId(new Stat()) != null || !reader.rolloutIds().isEmpty();
        } catch (Exception e) {
            throw unavailable("list the rollouts", e);
        }
    }

    /**
     * Submits a rollout of {@code targets} over the nodes registered now. It starts in VALIDATING: each
     * node plans the targets, and the coordinator refuses it if any node cannot, before any node swaps.
     *
     * @throws RolloutException if another rollout is active, or no node is registered
     * @throws IllegalArgumentException for no targets or a bad strategy (naming the field)
     */
    public Rollout start(List<String> targets, Strategy strategy, String submittedBy) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("No targets: expected bundle names (bsn@version) or jar paths");
        }
        strategy.check();
        try {
            FleetView fleet = new FleetView();
            reader.registered(fleet);
            if (fleet.registered.isEmpty()) {
                throw new RolloutException("No node is registered under " + paths.nodes()
                        + "; start containers with: run --fleet ... --fleet-path " + paths.root() + " --node ID");
            }
            Stat activeStat = new Stat();
            String active = reader.activeId(activeStat);
            if (active != null) {
                Rollout other = reader.rollout(active, new Stat());
                throw new RolloutException("Rollout " + active + " is " + (other == null ? "active" : other.state)
                        + "; a fleet runs one rollout at a time: wait until it ends, or abort it (rollout abort " + active + ")");
            }
            Rollout r = new Rollout();
            r.id = ID_PREFIX + String.format("%010d", curator.checkExists().forPath(paths.rollouts()).getCversion() + 1);
            r.targets = new ArrayList<>(targets);
            r.strategy = strategy;
            r.submittedBy = submittedBy;
            r.createdAt = System.currentTimeMillis();
            r.updatedAt = r.createdAt;
            r.nodes = new ArrayList<>(fleet.registered.keySet());
            Collections.sort(r.nodes);
            fleet.registered.forEach((n, info) -> r.labels.put(n, info.labels));
            r.timeline.add(new TimelineEvent(r.createdAt, "submitted", null, "by " + submittedBy + ": " + targets + " on " + r.nodes));
            // One transaction: the active marker moves only from the empty version we read, so two
            // operators racing cannot both start a rollout.
            curator.transaction().forOperations(
                    curator.transactionOp().setData().withVersion(activeStat.getVersion())
                            .forPath(paths.active(), r.id.getBytes(StandardCharsets.UTF_8)),
                    curator.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(paths.rollout(r.id), Json.bytes(r)));
            return r;
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
            throw new RolloutException("Another rollout was submitted at the same moment; see rollout status");
        } catch (FleetException | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw unavailable("submit the rollout", e);
        }
    }

    /**
     * @param id a rollout id, or null for the active rollout (else the newest)
     * @throws FleetUsageException for an unknown id (naming the known ones) or a fleet with no rollout
     */
    public RolloutStatus status(String id) {
        try {
            String rid = resolve(id);
            RolloutStatus s = new RolloutStatus();
            s.rollout = reader.rollout(rid, new Stat());
            FleetView view = reader.view(rid);
            s.progress.putAll(view.progress);
            view.registered.forEach((n, info) -> {
                info.metrics = new ArrayList<>();
                s.nodes.put(n, info);
            });
            for (String lease : reader.children(paths.lease(rid) + "/leases")) {
                try {
                    byte[] data = curator.getData().forPath(paths.lease(rid) + "/leases/" + lease);
                    s.leaseHolders.add(data == null ? lease : new String(data, StandardCharsets.UTF_8));
                } catch (KeeperException.NoNodeException e) {
                    // returned meanwhile
                }
            }
            return s;
        } catch (FleetException e) {
            throw e;
        } catch (Exception e) {
            throw unavailable("read rollout " + id, e);
        }
    }

    /** @return the registered nodes now (node id -> registration, metrics included) */
    public java.util.Map<String, NodeInfo> nodes() {
        try {
            FleetView view = new FleetView();
            reader.registered(view);
            return view.registered;
        } catch (Exception e) {
            throw unavailable("read the registered nodes", e);
        }
    }

    /** @return every rollout, newest first */
    public List<Rollout> history() {
        try {
            List<Rollout> all = new ArrayList<>();
            for (String id : reader.rolloutIds()) {
                Rollout r = reader.rollout(id, new Stat());
                if (r != null) {
                    all.add(0, r);
                }
            }
            return all;
        } catch (Exception e) {
            throw unavailable("read the rollout history", e);
        }
    }

    /**
     * Asks the coordinator to pause, resume or abort, and waits until it did.
     *
     * @return the rollout after the coordinator applied the request
     * @throws FleetUsageException for an unknown id
     * @throws RolloutException if the rollout's state does not allow it, or no coordinator applied it within {@code wait}
     */
    public Rollout request(String id, RolloutAction action, String by, Duration wait) {
        String rid = resolve(id);
        RolloutState target = action.target();
        Rollout r = status(rid).rollout;
        if (!r.state.next().contains(target)) {
            throw new RolloutException("Cannot " + action.name().toLowerCase() + " rollout " + rid + ": it is " + r.state
                    + (r.state.terminal() ? " (ended)" : "; from " + r.state + " it can go to " + r.state.next()));
        }
        OperatorRequest q = new OperatorRequest();
        q.action = action;
        q.by = by;
        q.at = System.currentTimeMillis();
        String path;
        try {
            path = curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                    .forPath(paths.requests(rid) + "/req-", Json.bytes(q));
        } catch (Exception e) {
            throw unavailable("leave the request", e);
        }
        try {
            awaitGone(path, wait);
        } catch (RolloutException e) {
            throw new RolloutException("The " + action.name().toLowerCase() + " of " + rid + " is queued at " + path
                    + " but no coordinator applied it within " + wait.toMillis() + " ms (is any agent of the fleet connected?)");
        }
        return status(rid).rollout;
    }

    /**
     * Waits until the rollout's state matches.
     *
     * @throws RolloutException naming the state it is in if {@code wait} passes first
     */
    public Rollout await(String id, Predicate<RolloutState> until, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Rollout r = status(id).rollout;
            if (until.test(r.state)) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new RolloutException("Rollout " + r.id + " is still " + r.state + " after " + wait.toMillis() + " ms"
                        + (r.reason == null ? "" : " (" + r.reason + ")"));
            }
            sleep();
        }
    }

    private void awaitGone(String path, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (curator.checkExists().forPath(path) != null) {
                if (System.nanoTime() > deadline) {
                    throw new RolloutException(path);
                }
                sleep();
            }
        } catch (FleetException e) {
            throw e;
        } catch (Exception e) {
            throw unavailable("wait for the coordinator", e);
        }
    }

    private String resolve(String id) {
        try {
            List<String> ids = reader.rolloutIds();
            if (id == null) {
                String active = reader.activeId(new Stat());
                if (active != null) {
                    return active;
                }
                if (ids.isEmpty()) {
                    throw new FleetUsageException("The fleet " + paths.root() + " has no rollout yet", null);
                }
                return ids.get(ids.size() - 1);
            }
            if (!ids.contains(id)) {
                throw new FleetUsageException("No rollout " + id + " in fleet " + paths.root() + "; known: "
                        + (ids.size() > 10 ? ids.subList(ids.size() - 10, ids.size()) + " (newest 10)" : ids), null);
            }
            return id;
        } catch (FleetException e) {
            throw e;
        } catch (Exception e) {
            throw unavailable("list the rollouts", e);
        }
    }

    private FleetUsageException unavailable(String what, Exception e) {
        if (e instanceof KeeperException.NoAuthException) {
            return new FleetUsageException("Cannot " + what + ": the fleet's ACL refuses these credentials (" + e.getMessage() + ")", e);
        }
        return new FleetUsageException("Cannot " + what + " in " + paths.root() + ": " + e, e);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RolloutException("Interrupted");
        }
    }

    @Override
    public void close() {
        if (ownsConnection) {
            zk.close();
        }
    }
}
