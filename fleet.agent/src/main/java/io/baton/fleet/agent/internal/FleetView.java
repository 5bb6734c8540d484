package io.baton.fleet.agent.internal;

import io.baton.fleet.agent.NodeInfo;
import io.baton.fleet.agent.NodeProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the coordinator read from ZooKeeper for one rollout in one tick: the input of {@link RolloutDriver}. */
public final class FleetView {
    /** Node -> its progress in this rollout (absent before it planned). */
    public final Map<String, NodeProgress> progress = new LinkedHashMap<>();
    /** Node -> its registration, for the nodes registered now. */
    public final Map<String, NodeInfo> registered = new LinkedHashMap<>();
    /** Pending operator requests, oldest first. */
    public final List<OperatorRequest> requests = new ArrayList<>();
}
