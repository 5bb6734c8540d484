package io.baton.fleet.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one agent sees of its fleet, for its container's dashboard ({@code GET /baton/api/fleet}): this
 * node, whether it leads, the registered nodes and the active (else the newest) rollout. Read from
 * ZooKeeper at each call; while ZooKeeper cannot be read, {@link #error} says why and the rest is empty.
 */
public class AgentView {
    /** This container's node id. */
    public String node;
    /** The fleet's path in ZooKeeper. */
    public String fleetPath;
    /** True while this agent's coordinator leads the fleet. */
    public boolean leading;
    /** The epoch this agent writes with while it leads, else -1. */
    public int epoch = -1;
    /** False while the ZooKeeper connection is suspended or lost: the node takes no new work then. */
    public boolean connected;
    /** Registered nodes now (metrics left out): who runs which versions. */
    public Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    /** The active rollout, else the newest; null in a fleet that never had one. */
    public RolloutStatus rollout;
    /** Why the fleet could not be read, or null. */
    public String error;
    /** When this view was read (milliseconds since the epoch). */
    public long readAt;
}
