package io.baton.fleet.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node's part in one rollout ({@code <fleet>/rollouts/<id>/progress/<node>}, persistent JSON),
 * written only by that node's agent, so that a new coordinator and the node itself after a restart
 * know exactly what it did: this is what keeps a node from being swapped twice.
 */
public class NodeProgress {
    public String node;
    public NodePhase phase;
    /** Swap attempts started (a JVM that died mid-swap is retried once). */
    public int attempts;
    public String swapId;
    public String checkpointId;
    /** The plan's or swap's failure, or the detector's evidence. */
    public String detail;
    /** Symbolic name -> version before the swap (from the plan). */
    public Map<String, String> fromVersions = new LinkedHashMap<>();
    /** Symbolic name -> version after the swap (from the plan). */
    public Map<String, String> toVersions = new LinkedHashMap<>();
    public long plannedAt;
    public long swapStartedAt;
    public long trialAt;
    public long verdictAt;
    public long rolledBackAt;
    public long updatedAt;
}
