package io.baton.fleet.agent.internal;

import org.apache.curator.utils.ZKPaths;

/**
 * The fleet's data layout in ZooKeeper, all under one root ({@code --fleet-path}):
 *
 * <pre>
 * root/epoch                         persistent; its data version is the coordinator's fencing token
 * root/active                        persistent; data = id of the active rollout, empty when none
 * root/leader/...                    LeaderLatch participants (ephemeral sequential)
 * root/nodes/&lt;node&gt;                 ephemeral registration of each agent (NodeInfo JSON)
 * root/rollouts/&lt;id&gt;                persistent Rollout JSON (coordinator writes, fenced)
 * root/rollouts/&lt;id&gt;/progress/&lt;node&gt;  persistent NodeProgress JSON (only that node's agent writes)
 * root/rollouts/&lt;id&gt;/requests/req-N    operator requests (pause, resume, abort), consumed by the coordinator
 * root/leases/&lt;id&gt;/...               InterProcessSemaphoreV2 of the rollout (maxUnavailable leases)
 * </pre>
 */
public final class FleetPaths {
    private final String root;

    public FleetPaths(String root) {
        this.root = root;
    }

    public String root() {
        return root;
    }

    public String epoch() {
        return ZKPaths.makePath(root, "epoch");
    }

    public String active() {
        return ZKPaths.makePath(root, "active");
    }

    public String leader() {
        return ZKPaths.makePath(root, "leader");
    }

    public String nodes() {
        return ZKPaths.makePath(root, "nodes");
    }

    public String node(String id) {
        return ZKPaths.makePath(nodes(), id);
    }

    public String rollouts() {
        return ZKPaths.makePath(root, "rollouts");
    }

    public String rollout(String id) {
        return ZKPaths.makePath(rollouts(), id);
    }

    public String progress(String rolloutId) {
        return ZKPaths.makePath(rollout(rolloutId), "progress");
    }

    public String progress(String rolloutId, String node) {
        return ZKPaths.makePath(progress(rolloutId), node);
    }

    public String requests(String rolloutId) {
        return ZKPaths.makePath(rollout(rolloutId), "requests");
    }

    public String leases() {
        return ZKPaths.makePath(root, "leases");
    }

    public String lease(String rolloutId) {
        return ZKPaths.makePath(leases(), rolloutId);
    }

    /** @return the persistent znodes every fleet has, parents first */
    public String[] layout() {
        return new String[] {root, epoch(), active(), leader(), nodes(), rollouts(), leases()};
    }
}
