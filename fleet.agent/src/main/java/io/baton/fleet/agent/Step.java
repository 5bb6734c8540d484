package io.baton.fleet.agent;

import java.util.ArrayList;
import java.util.List;

/** One step of a rollout: the canary or a batch, its nodes in scheduling order, and its analysis. */
public class Step {
    public enum Kind { CANARY, BATCH }

    public enum State { PENDING, ADMITTED, PASSED, FAILED }

    public int index;
    public Kind kind;
    public List<String> nodes = new ArrayList<>();
    public State state = State.PENDING;
    public long admittedAt;
    public long endedAt;
    /** Inconclusive analyses of this step so far. */
    public int inconclusive;
    /** When the last analysis ran (inconclusive analyses are retried after analysisIntervalMillis). */
    public long lastAnalysisAt;
    /** The last analysis' verdict and evidence. */
    public String analysis;
}
