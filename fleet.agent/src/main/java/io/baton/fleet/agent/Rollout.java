package io.baton.fleet.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rollout as stored in ZooKeeper ({@code <fleet>/rollouts/<id>}, JSON). Submitted by an operator in
 * VALIDATING; from then on written only by the coordinator, with fenced writes. What each node did is
 * in the nodes' own progress znodes ({@link NodeProgress}); this document holds the decisions.
 */
public class Rollout {
    /** {@code r-0000000007}: ZooKeeper's sequence, so ids sort by submission. */
    public String id;
    /** What every node swaps to: names resolved by each node's repositories ({@code bsn@version}) or jar paths. */
    public List<String> targets = new ArrayList<>();
    public Strategy strategy = new Strategy();
    public RolloutState state = RolloutState.VALIDATING;
    /** Why it is in its state, for PAUSED, ABORTING and the terminal states. */
    public String reason;
    public String submittedBy;
    public long createdAt;
    public long updatedAt;
    public long endedAt;
    /** The nodes taking part, fixed at submission (the registered nodes then). */
    public List<String> nodes = new ArrayList<>();
    /** Node -> its labels at submission (the scheduling function's input). */
    public Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    /** Symbolic name -> target version, from the nodes' plans (which metrics rows are the new version). */
    public Map<String, String> targetVersions = new LinkedHashMap<>();
    /** The steps, in order, filled in when validation passes. */
    public List<Step> steps = new ArrayList<>();
    /** Index into {@link #steps} of the step being admitted or analysed. */
    public int currentStep;
    /** Node -> when the coordinator admitted it (milliseconds since the epoch); a node is admitted once. */
    public Map<String, Long> admitted = new LinkedHashMap<>();
    /** Failed nodes and failed analyses so far (compared with {@code failureLimit}). */
    public int failures;
    /** The old version's metrics when RUNNING began: the reference once no old node is left. */
    public List<OperationMetrics> baseline = new ArrayList<>();
    /** Everything that happened, oldest first. */
    public List<TimelineEvent> timeline = new ArrayList<>();
    /** The epoch (leader generation) of the last coordinator write. */
    public long epoch;

    /** @return the step being worked on, or null before validation and after the last */
    public Step current() {
        return currentStep < steps.size() ? steps.get(currentStep) : null;
    }
}
