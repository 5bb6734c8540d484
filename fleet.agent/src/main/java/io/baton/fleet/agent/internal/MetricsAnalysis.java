package io.baton.fleet.agent.internal;

import io.baton.fleet.agent.NodeInfo;
import io.baton.fleet.agent.OperationMetrics;
import io.baton.fleet.agent.Strategy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fleet-level analysis of a step, as Argo Rollouts' analysis runs: the new version's calls on the
 * nodes that passed, per operation (identity and method, each judged on its own, so a release that
 * fails one kind of call is caught whatever the traffic mix), against the same operation on the
 * nodes still on the old version, or against the baseline taken when the rollout began once no old
 * node is left.
 *
 * <p>FAIL: an operation with at least {@code minCalls} calls whose error rate exceeds the old one by
 * more than {@code maxErrorRateIncrease}, or whose p99 exceeds {@code maxLatencyFactor} times the
 * old p99 (above {@code latencyFloorNanos}). INCONCLUSIVE (missing data): a new node that is not
 * registered or reports no metrics for the targeted bundles at their new version, or fewer than
 * {@code minCalls} calls on the new version in all.
 */
public final class MetricsAnalysis {
    public enum Verdict { PASS, FAIL, INCONCLUSIVE }

    /** A verdict and the evidence in one line. */
    public static final class Result {
        public final Verdict verdict;
        public final String evidence;

        Result(Verdict verdict, String evidence) {
            this.verdict = verdict;
            this.evidence = evidence;
        }

        @Override
        public String toString() {
            return verdict + ": " + evidence;
        }
    }

    private MetricsAnalysis() {}

    /**
     * @param newNodes node id -> registration (null if not registered) of nodes on the new version
     * @param oldNodes registrations of nodes of the rollout still on the old version
     * @param baseline the old version's rows when the rollout began
     * @param targetVersions symbolic name -> new version
     */
    public static Result analyse(Map<String, NodeInfo> newNodes, Collection<NodeInfo> oldNodes, List<OperationMetrics> baseline,
            Map<String, String> targetVersions, Strategy strategy) {
        Map<String, Agg> fresh = new TreeMap<>();
        for (Map.Entry<String, NodeInfo> e : newNodes.entrySet()) {
            if (e.getValue() == null) {
                return new Result(Verdict.INCONCLUSIVE, "node " + e.getKey() + " on the new version is not registered (no metrics)");
            }
            int rows = 0;
            for (OperationMetrics m : e.getValue().metrics) {
                if (m.version != null && m.version.equals(targetVersions.get(m.symbolicName))) {
                    fresh.computeIfAbsent(m.key(), k -> new Agg()).add(m);
                    rows++;
                }
            }
            if (rows == 0) {
                return new Result(Verdict.INCONCLUSIVE, "node " + e.getKey() + " reports no metrics for " + targetVersions);
            }
        }
        long total = fresh.values().stream().mapToLong(a -> a.calls).sum();
        if (total < strategy.minCalls) {
            return new Result(Verdict.INCONCLUSIVE, total + " calls on the new version on " + newNodes.keySet()
                    + ", fewer than minCalls " + strategy.minCalls);
        }
        Map<String, Agg> old = new TreeMap<>();
        List<OperationMetrics> oldRows = new ArrayList<>();
        oldNodes.forEach(n -> oldRows.addAll(n.metrics));
        String reference = "the old version on " + oldNodes.size() + " node(s)";
        if (oldNodes.isEmpty()) {
            oldRows.addAll(baseline);
            reference = "the baseline before the rollout";
        }
        for (OperationMetrics m : oldRows) {
            if (targetVersions.containsKey(m.symbolicName) && !targetVersions.get(m.symbolicName).equals(m.version)) {
                old.computeIfAbsent(m.key(), k -> new Agg()).add(m);
            }
        }
        List<String> judged = new ArrayList<>();
        for (Map.Entry<String, Agg> e : fresh.entrySet()) {
            Agg n = e.getValue();
            if (n.calls < strategy.minCalls) {
                continue;
            }
            Agg o = old.getOrDefault(e.getKey(), new Agg());
            double limit = o.rate() + strategy.maxErrorRateIncrease;
            if (n.rate() > limit) {
                return new Result(Verdict.FAIL, String.format(Locale.ROOT,
                        "%s: error rate %.1f%% over %d calls on %s > %.1f%% (%s %.1f%% over %d calls + %.1f%%)",
                        e.getKey(), 100 * n.rate(), n.calls, newNodes.keySet(), 100 * limit, reference, 100 * o.rate(), o.calls,
                        100 * strategy.maxErrorRateIncrease));
            }
            if (strategy.maxLatencyFactor > 0 && n.p99 > strategy.latencyFloorNanos && o.p99 > 0
                    && n.p99 > strategy.maxLatencyFactor * o.p99) {
                return new Result(Verdict.FAIL, String.format(Locale.ROOT, "%s: p99 %d us on %s > %.1f x %d us (%s)",
                        e.getKey(), n.p99 / 1000, newNodes.keySet(), strategy.maxLatencyFactor, o.p99 / 1000, reference));
            }
            judged.add(e.getKey());
        }
        return new Result(Verdict.PASS, total + " calls on " + newNodes.keySet() + ", " + judged.size()
                + " operation(s) within limits against " + reference);
    }

    /** Calls of one operation summed over nodes; p99 is the worst node's. */
    private static final class Agg {
        long calls;
        long failures;
        long p99 = -1;

        void add(OperationMetrics m) {
            calls += m.calls;
            failures += m.failures;
            p99 = Math.max(p99, m.p99Nanos);
        }

        double rate() {
            return calls == 0 ? 0 : (double) failures / calls;
        }
    }
}
