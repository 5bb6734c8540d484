package io.baton.fleet.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * How a rollout proceeds: a canary step, then batches; at most {@code maxUnavailable} nodes in TRIAL
 * at once (a ZooKeeper semaphore); an analysis after each step; a pause between steps; a progress
 * deadline. Durations in milliseconds. {@link #check()} names the first bad field.
 */
public class Strategy {
    /** Canary size: a count ({@code "1"}) or a percentage of the nodes ({@code "20%"}, rounded up, at least 1); {@code "0"} for none. */
    public String canary = "1";
    /** Nodes per batch after the canary. */
    public int batchSize = 1;
    /** Nodes in TRIAL (swapping or in probation) at once, enforced by a lease. */
    public int maxUnavailable = 1;
    /** Each node's local probation. */
    public long probationMillis = 30_000;
    /** Wait after a step passed its analysis, before the next step is admitted. */
    public long stepPauseMillis = 0;
    /** A step that makes no progress for this long pauses the rollout (ProgressDeadlineExceeded). */
    public long progressDeadlineMillis = 600_000;
    /** Failed nodes or failed analyses tolerated; one more aborts the rollout. */
    public int failureLimit = 0;
    /** Inconclusive analyses (missing data) tolerated per step; one more pauses the rollout. */
    public int inconclusiveLimit = 2;
    /** Time between two analyses of the same step when the first was inconclusive. */
    public long analysisIntervalMillis = 2_000;
    /** Calls an operation needs on the new version before its error rate is judged. */
    public long minCalls = 20;
    /** New error rate allowed above the old version's, per operation (0.05 = 5 points). */
    public double maxErrorRateIncrease = 0.05;
    /** p99 of the new version allowed as a factor of the old one's (0: latency not judged). */
    public double maxLatencyFactor = 3.0;
    /** p99 values under this floor are never judged (nanoseconds): factors of sub-millisecond calls are noise. */
    public long latencyFloorNanos = 1_000_000;
    /** Node labels that order the nodes, most significant first (e.g. zone, rack); ties by node id. */
    public List<String> order = new ArrayList<>();

    /**
     * @return this
     * @throws IllegalArgumentException naming the field, its value, and what was expected
     */
    public Strategy check() {
        canarySize(100);
        positive("batchSize", batchSize);
        positive("maxUnavailable", maxUnavailable);
        notNegative("probationMillis", probationMillis);
        notNegative("stepPauseMillis", stepPauseMillis);
        positive("progressDeadlineMillis", progressDeadlineMillis);
        notNegative("failureLimit", failureLimit);
        notNegative("inconclusiveLimit", inconclusiveLimit);
        positive("analysisIntervalMillis", analysisIntervalMillis);
        notNegative("minCalls", minCalls);
        if (!(maxErrorRateIncrease >= 0 && maxErrorRateIncrease <= 1)) {
            throw new IllegalArgumentException("maxErrorRateIncrease " + maxErrorRateIncrease + ": expected a fraction from 0 to 1");
        }
        if (!(maxLatencyFactor == 0 || maxLatencyFactor >= 1)) {
            throw new IllegalArgumentException("maxLatencyFactor " + maxLatencyFactor + ": expected 0 (off) or at least 1");
        }
        return this;
    }

    /**
     * @return the canary's node count out of {@code nodes}
     * @throws IllegalArgumentException if {@link #canary} is neither a count nor a percentage
     */
    public int canarySize(int nodes) {
        String c = canary == null ? "" : canary.trim();
        try {
            if (c.endsWith("%")) {
                int percent = Integer.parseInt(c.substring(0, c.length() - 1).trim());
                if (percent < 0 || percent > 100) {
                    throw new NumberFormatException();
                }
                return percent == 0 ? 0 : Math.max(1, (int) Math.ceil(nodes * percent / 100.0));
            }
            int n = Integer.parseInt(c);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.min(n, nodes);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("canary " + canary + ": expected a node count (e.g. 1) or a percentage (e.g. 20%)");
        }
    }

    private static void positive(String field, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " " + value + ": expected at least 1");
        }
    }

    private static void notNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " " + value + ": expected 0 or more");
        }
    }
}
