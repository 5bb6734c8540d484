package io.baton.fleet.agent.internal;

import io.baton.fleet.agent.NodeInfo;
import io.baton.fleet.agent.NodeProgress;
import io.baton.fleet.agent.Rollout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/** Reads of the fleet's znodes shared by the coordinator, the agents and the operator's client. */
public final class FleetReader {
    private final CuratorFramework curator;
    private final FleetPaths paths;

    public FleetReader(CuratorFramework curator, FleetPaths paths) {
        this.curator = curator;
        this.paths = paths;
    }

    /** @return the active rollout's id, or null */
    public String activeId(Stat stat) throws Exception {
        byte[] data = curator.getData().storingStatIn(stat).forPath(paths.active());
        String id = data == null ? "" : new String(data, StandardCharsets.UTF_8).trim();
        return id.isEmpty() ? null : id;
    }

    /** @return the rollout, or null if there is no such znode */
    public Rollout rollout(String id, Stat stat) throws Exception {
        try {
            return Json.read(curator.getData().storingStatIn(stat).forPath(paths.rollout(id)), Rollout.class);
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    /** @return every rollout id, oldest first */
    public List<String> rolloutIds() throws Exception {
        List<String> ids = new ArrayList<>(curator.getChildren().forPath(paths.rollouts()));
        Collections.sort(ids);
        return ids;
    }

    /** @return the node's progress in the rollout, or null */
    public NodeProgress progress(String rolloutId, String node) throws Exception {
        try {
            return Json.read(curator.getData().forPath(paths.progress(rolloutId, node)), NodeProgress.class);
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    /** Fills {@code view} with every node's progress in the rollout, the registrations, and the pending requests. */
    public FleetView view(String rolloutId) throws Exception {
        FleetView view = new FleetView();
        for (String n : children(paths.progress(rolloutId))) {
            NodeProgress p = progress(rolloutId, n);
            if (p != null) {
                view.progress.put(n, p);
            }
        }
        registered(view);
        List<String> requests = new ArrayList<>(children(paths.requests(rolloutId)));
        Collections.sort(requests);
        for (String name : requests) {
            try {
                OperatorRequest q = Json.read(curator.getData().forPath(paths.requests(rolloutId) + "/" + name), OperatorRequest.class);
                if (q != null) {
                    q.name = name;
                    view.requests.add(q);
                }
            } catch (KeeperException.NoNodeException e) {
                // consumed meanwhile
            }
        }
        return view;
    }

    /** Adds the registered nodes to {@code view}. */
    public void registered(FleetView view) throws Exception {
        for (String n : children(paths.nodes())) {
            try {
                NodeInfo info = Json.read(curator.getData().forPath(paths.node(n)), NodeInfo.class);
                if (info != null) {
                    view.registered.put(n, info);
                }
            } catch (KeeperException.NoNodeException e) {
                // gone meanwhile
            }
        }
    }

    /** @return the children, or none if the parent does not exist */
    public List<String> children(String path) throws Exception {
        try {
            return curator.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }
}
