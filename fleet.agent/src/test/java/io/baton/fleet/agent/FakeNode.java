package io.baton.fleet.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link LocalNode} without a container, for the coordinator's and the agent's tests (ZooKeeper is
 * real in those tests; only the node's own swap is faked). Targets are {@code bsn@version}. A swap
 * stays in TRIAL for its probation, then commits, or rolls back if told to fail its probation.
 * Every node counts how many of all fakes are in TRIAL at once ({@link #MAX_IN_TRIAL}).
 */
public final class FakeNode implements LocalNode {
    public static final AtomicInteger IN_TRIAL = new AtomicInteger();
    public static final AtomicInteger MAX_IN_TRIAL = new AtomicInteger();

    private final Map<String, String> versions = new LinkedHashMap<>();
    private Map<String, String> before;
    private String trial;
    private long trialEnds;
    private int swaps;
    private int rollbacks;
    private final List<String> swapLog = new ArrayList<>();
    /** Error rate of the new version's calls, reported in its metrics. */
    public volatile double newVersionErrorRate;
    /** True: report no metrics at all (missing data). */
    public volatile boolean metricsMissing;
    /** How often the agent read the metrics (its registration refreshes them about once a second). */
    public final AtomicInteger metricsReads = new AtomicInteger();
    /** True: the local probation fails (a detector rolls it back). */
    public volatile boolean failProbation;

    public FakeNode(String bsn, String version) {
        versions.put(bsn, version);
    }

    public static void resetCounters() {
        IN_TRIAL.set(0);
        MAX_IN_TRIAL.set(0);
    }

    @Override
    public synchronized Map<String, String> managedVersions() {
        settle();
        return new LinkedHashMap<>(versions);
    }

    @Override
    public synchronized String trialSwapId() {
        settle();
        return trial;
    }

    @Override
    public synchronized Plan plan(List<String> targets) {
        Map<String, String[]> plan = new LinkedHashMap<>();
        for (String t : targets) {
            String[] bv = t.split("@");
            if (bv.length != 2 || !versions.containsKey(bv[0])) {
                return new Plan(false, "No bundle " + t + " in any repository", Map.of());
            }
            plan.put(bv[0], new String[] {versions.get(bv[0]), bv[1]});
        }
        return new Plan(true, null, plan);
    }

    @Override
    public synchronized SwapResult swap(List<String> targets, Duration probation) {
        settle();
        if (trial != null) {
            return new SwapResult(false, null, null, "REFUSED: " + trial + " is in TRIAL");
        }
        swaps++;
        before = new LinkedHashMap<>(versions);
        for (String t : targets) {
            String[] bv = t.split("@");
            versions.put(bv[0], bv[1]);
        }
        trial = "swap-" + swaps;
        swapLog.add(trial + " " + targets);
        trialEnds = System.currentTimeMillis() + probation.toMillis();
        MAX_IN_TRIAL.accumulateAndGet(IN_TRIAL.incrementAndGet(), Math::max);
        return new SwapResult(true, trial, "cp-" + swaps, null);
    }

    @Override
    public synchronized Verdict verdict(String swapId) {
        settle();
        if (swapId.equals(trial)) {
            return new Verdict(Verdict.Kind.PENDING, "cp-" + swaps, null);
        }
        boolean rolledBack = swapLog.contains(swapId + " rolled back");
        return rolledBack ? new Verdict(Verdict.Kind.FAILED, "cp-" + swaps, "ROLLED_BACK by error-rate: test")
                : new Verdict(Verdict.Kind.PASSED, "cp-" + swaps, null);
    }

    @Override
    public synchronized String rollback(String swapId, String checkpointId) {
        settle();
        if (swapId.equals(trial)) {
            endTrial();
        }
        rollbacks++;
        versions.clear();
        versions.putAll(before);
        swapLog.add(swapId + " rolled back");
        return null;
    }

    @Override
    public synchronized List<OperationMetrics> metrics() {
        metricsReads.incrementAndGet();
        List<OperationMetrics> rows = new ArrayList<>();
        if (metricsMissing) {
            return rows;
        }
        versions.forEach((bsn, v) -> {
            boolean fresh = before != null && !v.equals(before.get(bsn));
            long failures = fresh ? Math.round(100 * newVersionErrorRate) : 0;
            rows.add(new OperationMetrics(bsn + "|svc", bsn, v, "add", 100, failures, 200_000, 0));
            rows.add(new OperationMetrics(bsn + "|svc", bsn, v, "get", 100, 0, 200_000, 0));
        });
        return rows;
    }

    /** Ends the local probation once it is over: commit, or the detector's rollback. */
    private void settle() {
        if (trial != null && System.currentTimeMillis() >= trialEnds) {
            String id = trial;
            endTrial();
            if (failProbation) {
                versions.clear();
                versions.putAll(before);
                swapLog.add(id + " rolled back");
            }
        }
    }

    private void endTrial() {
        trial = null;
        IN_TRIAL.decrementAndGet();
    }

    public synchronized int swaps() {
        return swaps;
    }

    public synchronized int rollbacks() {
        return rollbacks;
    }

    /** Waits until the agent's registration read the metrics twice more (so it publishes what they are now). */
    public void awaitMetricsPublished() throws InterruptedException {
        int target = metricsReads.get() + 2;
        for (int i = 0; i < 100 && metricsReads.get() < target; i++) {
            Thread.sleep(50);
        }
    }

    public synchronized String version(String bsn) {
        settle();
        return versions.get(bsn);
    }
}
