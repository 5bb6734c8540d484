package io.baton.fleet.agent.internal;

import io.baton.fleet.agent.Rollout;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's coordinator: every agent runs one, the elected one (LeaderLatch) acts. Each tick it
 * reads the active rollout and the nodes' reports, lets {@link RolloutDriver} decide, and writes the
 * result with one fenced transaction (the rollout with its read version, consumed requests deleted,
 * the active marker cleared on a terminal state). Correctness rests on the fence, not on the latch:
 * a leader that was deposed while it was not looking has its write rejected and steps back.
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    static final long TICK_MILLIS = 200;

    private final CuratorFramework curator;
    private final FleetPaths paths;
    private final String nodeId;
    private final FencedWriter writer;
    private final FleetReader reader;
    private final RolloutDriver driver = new RolloutDriver();
    private final TickLoop loop;
    private volatile LeaderLatch latch;
    private volatile int epoch = -1;

    public Coordinator(CuratorFramework curator, FleetPaths paths, String nodeId) {
        this.curator = curator;
        this.paths = paths;
        this.nodeId = nodeId;
        this.writer = new FencedWriter(curator, paths);
        this.reader = new FleetReader(curator, paths);
        this.loop = new TickLoop("fleet-coordinator-" + nodeId, TICK_MILLIS, LOG, this::tick, this::handled);
    }

    public void start() throws Exception {
        latch = newLatch();
        loop.start();
    }

    /** @return true while this coordinator holds an epoch and its latch */
    public boolean leading() {
        return epoch >= 0 && latch.hasLeadership();
    }

    /** @return the epoch (fencing token) this coordinator writes with, or -1 when it does not lead */
    public int epoch() {
        return epoch;
    }

    /** @return the fenced writer, for tests that check a deposed leader's write is rejected */
    public FencedWriter writer() {
        return writer;
    }

    private LeaderLatch newLatch() throws Exception {
        LeaderLatch l = new LeaderLatch(curator, paths.leader(), nodeId);
        l.start();
        return l;
    }

    /** The failures a tick can have that are part of the protocol, not errors. */
    private boolean handled(Exception e) {
        if (e instanceof FencedWriter.FencedOutException) {
            stepBack(e.getMessage());
            return true;
        }
        if (e instanceof KeeperException.BadVersionException) {
            LOG.debug("Coordinator {}: the rollout changed under this tick, reading again", nodeId);
            return true;
        }
        return false;
    }

    void tick() throws Exception {
        if (!latch.hasLeadership()) {
            if (epoch >= 0) {
                LOG.info("Coordinator {}: lost leadership (epoch {})", nodeId, epoch);
                epoch = -1;
            }
            return;
        }
        if (epoch < 0) {
            epoch = writer.takeEpoch(nodeId);
            LOG.info("Coordinator {}: leading the fleet {} with epoch {}", nodeId, paths.root(), epoch);
        }
        String id = reader.activeId(new Stat());
        if (id == null) {
            return;
        }
        Stat stat = new Stat();
        Rollout r = reader.rollout(id, stat);
        if (r == null) {
            LOG.warn("Coordinator {}: the active marker names {} but there is no such rollout; clearing it", nodeId, id);
            writer.write(epoch, List.of(curator.transactionOp().setData().forPath(paths.active(), new byte[0])));
            return;
        }
        FleetView view = reader.view(id);
        long now = System.currentTimeMillis();
        if (!driver.advance(r, view, now)) {
            return;
        }
        r.epoch = epoch;
        r.updatedAt = now;
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(curator.transactionOp().setData().withVersion(stat.getVersion()).forPath(paths.rollout(id), Json.bytes(r)));
        for (OperatorRequest q : view.requests) {
            ops.add(curator.transactionOp().delete().forPath(paths.requests(id) + "/" + q.name));
        }
        if (r.state.terminal()) {
            ops.add(curator.transactionOp().setData().forPath(paths.active(), new byte[0]));
        }
        writer.write(epoch, ops);
    }

    /** Another leader took a newer epoch: rejoin the election at the back, so the two do not fight. */
    private void stepBack(String why) {
        LOG.warn("Coordinator {}: write rejected, {}; stepping back", nodeId, why);
        epoch = -1;
        try {
            latch.close();
            latch = newLatch();
        } catch (Exception e) {
            LOG.warn("Coordinator {}: cannot rejoin the election: {}", nodeId, e.toString());
        }
    }

    @Override
    public void close() {
        loop.close(2000);
        try {
            latch.close();
        } catch (Exception e) {
            LOG.debug("Coordinator {}: latch close: {}", nodeId, e.toString());
        }
        epoch = -1;
    }
}
