package io.baton.fleet.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rollout with what every node reports now: {@code rollout status --json}. */
public class RolloutStatus {
    public Rollout rollout;
    /** Node -> its progress in this rollout. */
    public Map<String, NodeProgress> progress = new LinkedHashMap<>();
    /** Node -> its registration (absent: not registered now). Metrics are left out. */
    public Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    /** Nodes holding a lease of the rollout's semaphore now (in TRIAL). */
    public List<String> leaseHolders = new ArrayList<>();
}
