package io.baton.fleet.agent;

import io.baton.fleet.agent.internal.Coordinator;
import io.baton.fleet.agent.internal.NodeWorker;
import io.baton.fleet.agent.internal.Registration;
import io.baton.fleet.agent.internal.ZkClient;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container's fleet agent ({@code baton.jar run --fleet ...}): registers the node (ephemeral),
 * works its part of the fleet's rollouts through its {@link LocalNode}, and takes part in the
 * election of the fleet's coordinator (every agent can coordinate; one does at a time).
 *
 * <p>Losing the ZooKeeper connection never stops the container: the agent takes no new work until
 * it is back; a local trial already running goes on to its local verdict. Thread-safe; close once.
 */
public final class FleetAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetAgent.class);

    private final FleetConfig config;
    private final ZkClient zk;
    private final Registration registration;
    private final NodeWorker worker;
    private final Coordinator coordinator;
    private final RolloutClient reader;
    private volatile boolean connected = true;
    private volatile boolean closed;

    private FleetAgent(FleetConfig config, ZkClient zk, LocalNode node) {
        this.config = config;
        this.zk = zk;
        this.registration = new Registration(zk.curator(), zk.paths(), config.nodeId(), config.labels(), node);
        this.worker = new NodeWorker(zk.curator(), zk.paths(), config.nodeId(), node, registration);
        this.coordinator = new Coordinator(zk.curator(), zk.paths(), config.nodeId());
        this.reader = RolloutClient.over(zk);
    }

    /**
     * Connects (bounded by the connect timeout), registers and starts working.
     *
     * @throws FleetException.FleetUsageException for a bad config, an unreachable ensemble, a path under
     *     another ACL, or a node id another live agent holds
     */
    public static FleetAgent start(FleetConfig config, LocalNode node) {
        config.check(true);
        ZkClient zk = ZkClient.connect(config);
        try {
            awaitFreeId(zk, config);
            FleetAgent agent = new FleetAgent(config, zk, node);
            zk.curator().getConnectionStateListenable().addListener((client, state) -> agent.connectionChanged(state));
            agent.registration.start(config.connectTimeout().toMillis());
            agent.worker.start();
            agent.coordinator.start();
            LOG.info("Fleet agent {} started on {} {}", config.nodeId(), config.connectString(), config.path());
            return agent;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            zk.close();
            throw new FleetException.FleetUsageException("Interrupted while starting the fleet agent", e);
        } catch (RuntimeException e) {
            zk.close();
            throw e;
        } catch (Exception e) {
            zk.close();
            throw new FleetException.FleetUsageException("Cannot start the fleet agent " + config.nodeId() + ": " + e, e);
        }
    }

    /**
     * A registration left by this node's previous JVM (killed) lives until its session times out;
     * a live agent's never goes: wait a little longer than a session, then refuse.
     */
    private static void awaitFreeId(ZkClient zk, FleetConfig config) throws Exception {
        String path = zk.paths().node(config.nodeId());
        long deadline = System.currentTimeMillis() + config.sessionTimeout().toMillis() + 2000;
        boolean logged = false;
        while (zk.curator().checkExists().forPath(path) != null) {
            if (System.currentTimeMillis() > deadline) {
                throw new FleetException.FleetUsageException("Node id " + config.nodeId() + " is registered by another live agent at "
                        + path + "; give each container its own --node", null);
            }
            if (!logged) {
                LOG.info("Node {}: a registration of this id exists (a previous JVM's session?); waiting until it expires", config.nodeId());
                logged = true;
            }
            Thread.sleep(250);
        }
    }

    private void connectionChanged(ConnectionState state) {
        boolean usable = state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED;
        connected = usable;
        worker.connected(usable);
        if (usable) {
            LOG.info("Node {}: ZooKeeper {}; taking work again", config.nodeId(), state);
        } else {
            LOG.warn("Node {}: ZooKeeper connection {}; no new work until it is back, the container keeps serving",
                    config.nodeId(), state);
        }
    }

    /** @return this node's id */
    public String nodeId() {
        return config.nodeId();
    }

    /** @return true while this agent's coordinator leads the fleet */
    public boolean leading() {
        return coordinator.leading();
    }

    /** @return the epoch this agent's coordinator writes with, or -1 when it does not lead */
    public int epoch() {
        return coordinator.epoch();
    }

    /**
     * Reads the fleet as this agent sees it now (a few ZooKeeper reads; for a dashboard polling every
     * few seconds, not for a hot path). Never throws: a fleet that cannot be read gives a view whose
     * {@code error} says why.
     */
    public AgentView view() {
        AgentView v = new AgentView();
        v.node = config.nodeId();
        v.fleetPath = config.path();
        v.leading = leading();
        v.epoch = epoch();
        v.connected = connected && !closed;
        v.readAt = System.currentTimeMillis();
        if (closed) {
            v.error = "the fleet agent of " + config.nodeId() + " is stopped";
            return v;
        }
        if (!connected) {
            v.error = "ZooKeeper is not reachable from " + config.nodeId() + " now; the container keeps serving and takes no new work";
            return v;
        }
        try {
            reader.nodes().forEach((id, info) -> {
                info.metrics = new java.util.ArrayList<>();
                v.nodes.put(id, info);
            });
            v.rollout = reader.anyRollout() ? reader.status(null) : null;
        } catch (FleetException e) {
            v.error = e.getMessage();
        }
        return v;
    }

    @Override
    public void close() {
        closed = true;
        coordinator.close();
        worker.close();
        registration.close();
        zk.close();
        LOG.info("Fleet agent {} stopped", config.nodeId());
    }
}
