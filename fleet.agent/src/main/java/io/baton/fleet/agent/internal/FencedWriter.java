package io.baton.fleet.agent.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordinator writes fenced by the epoch znode: a leader takes an epoch by bumping the znode's data
 * version, and every write it makes is one ZooKeeper transaction
 * {@code multi(check(epoch, itsVersion), ...)}. A deposed leader (one whose epoch another leader
 * bumped since) has every write rejected, whatever its LeaderLatch still believes (TOOLCHAIN.md trap 4).
 */
public final class FencedWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FencedWriter.class);

    /** The write was rejected because another leader took a newer epoch. */
    public static final class FencedOutException extends Exception {
        private static final long serialVersionUID = 1L;

        FencedOutException(String message) {
            super(message);
        }
    }

    private final CuratorFramework curator;
    private final FleetPaths paths;

    public FencedWriter(CuratorFramework curator, FleetPaths paths) {
        this.curator = curator;
        this.paths = paths;
    }

    /**
     * Takes a new epoch: bumps the epoch znode (conditionally, so two racing leaders cannot both keep theirs).
     *
     * @return the epoch znode's new data version: the fencing token of every write that follows
     */
    public int takeEpoch(String leader) throws Exception {
        while (true) {
            Stat stat = new Stat();
            curator.getData().storingStatIn(stat).forPath(paths.epoch());
            try {
                Stat next = curator.setData().withVersion(stat.getVersion())
                        .forPath(paths.epoch(), (leader + " " + System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
                return next.getVersion();
            } catch (KeeperException.BadVersionException e) {
                LOG.debug("Epoch bumped by another leader meanwhile; trying again");
            }
        }
    }

    /**
     * Runs {@code ops} in one transaction with the epoch check first.
     *
     * @throws FencedOutException if the epoch is no longer {@code epoch} (nothing was written)
     * @throws KeeperException for any other failure (e.g. a concurrent change to a versioned znode; nothing was written)
     */
    public void write(int epoch, List<CuratorOp> ops) throws Exception {
        List<CuratorOp> all = new ArrayList<>();
        all.add(curator.transactionOp().check().withVersion(epoch).forPath(paths.epoch()));
        all.addAll(ops);
        try {
            curator.transaction().forOperations(all);
        } catch (KeeperException e) {
            List<OpResult> results = e.getResults();
            if (results != null && !results.isEmpty() && results.get(0) instanceof OpResult.ErrorResult
                    && ((OpResult.ErrorResult) results.get(0)).getErr() == KeeperException.Code.BADVERSION.intValue()) {
                throw new FencedOutException("epoch " + epoch + " is no longer current: another coordinator took over");
            }
            throw e;
        }
    }
}
