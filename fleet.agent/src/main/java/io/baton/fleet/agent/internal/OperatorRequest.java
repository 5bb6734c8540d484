package io.baton.fleet.agent.internal;

import io.baton.fleet.agent.RolloutAction;

/** An operator's pause, resume or abort, left under the rollout for the coordinator to apply. */
public class OperatorRequest {
    public RolloutAction action;
    public String by;
    public long at;
    /** The znode name ({@code req-0000000003}); not stored in the data. */
    public transient String name;
}
