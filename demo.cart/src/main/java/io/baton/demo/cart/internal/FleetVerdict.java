package io.baton.demo.cart.internal;

import io.baton.fleet.agent.NodeInfo;
import io.baton.fleet.agent.NodeProgress;
import io.baton.fleet.agent.Rollout;
import io.baton.fleet.agent.RolloutState;
import io.baton.fleet.agent.RolloutStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fleet demo's invariants: the good rollouts COMPLETED and the faulty one ROLLED_BACK with only its
 * canary admitted; no failed request outside the faulty canary's trial; every acknowledged write on its
 * node after each rollout and at the end; every node on 3.0.0 at the end. Also the per-node table.
 */
final class FleetVerdict {
    private static final String CART = FleetWatch.CART;
    /** Requests in flight when the canary's rollback ended may still fail: this much slack after it. */
    private static final long SLACK_MILLIS = 1000;

    private final List<String> problems = new ArrayList<>();
    private final List<String> table = new ArrayList<>();

    FleetVerdict(List<Rollout> rollouts, RolloutStatus faulty, Map<String, NodeInfo> registered, Map<String, List<RequestRecord>> records,
            Map<String, LoadGenerator> loads, List<String> checks, long originWall) {
        for (int i = 0; i < rollouts.size(); i++) {
            RolloutState expected = i < 2 ? RolloutState.COMPLETED : RolloutState.ROLLED_BACK;
            Rollout r = rollouts.get(i);
            if (r.state != expected) {
                problems.add(r.id + " to " + r.targets + " ended " + r.state + ", expected " + expected + " (" + r.reason + ")");
            }
        }
        String canary = faulty.rollout.steps.isEmpty() ? null : faulty.rollout.steps.get(0).nodes.get(0);
        if (!List.of(canary).containsAll(faulty.rollout.admitted.keySet())) {
            problems.add("the faulty rollout admitted " + faulty.rollout.admitted.keySet() + ", only the canary " + canary + " may be");
        }
        NodeProgress trial = faulty.progress.get(canary);
        long from = trial == null ? Long.MAX_VALUE : toNanos(trial.swapStartedAt, originWall);
        long to = trial == null ? Long.MIN_VALUE
                : toNanos(Math.max(trial.verdictAt, Math.max(trial.rolledBackAt, trial.updatedAt)) + SLACK_MILLIS, originWall);
        table.add(String.format("%-8s %-8s %9s %7s %-22s %s", "NODE", "VERSION", "REQUESTS", "FAILED", "FAILED IN 3.1.0 TRIAL", "WRITES"));
        records.forEach((node, list) -> {
            long failed = 0;
            long inTrial = 0;
            for (RequestRecord r : list) {
                if (!r.ok()) {
                    failed++;
                    if (node.equals(canary) && r.startNanos() >= from && r.startNanos() <= to) {
                        inTrial++;
                    }
                }
            }
            if (failed > inTrial) {
                problems.add(node + ": " + (failed - inTrial) + " failed request(s) outside the faulty canary's trial");
            }
            NodeInfo info = registered.get(node);
            String version = info == null ? "(gone)" : info.managed.get(CART);
            if (!"3.0.0".equals(version)) {
                problems.add(node + " ends on cart " + version + ", expected 3.0.0");
            }
            List<String> mismatches = loads.get(node).mismatches();
            mismatches.forEach(m -> problems.add(node + ": " + m));
            table.add(String.format("%-8s %-8s %9d %7d %-22s %s", node, version, list.size(), failed, inTrial + (node.equals(canary) ? " (canary)" : ""),
                    mismatches.isEmpty() ? "all acknowledged present" : mismatches.size() + " mismatch(es)"));
        });
        checks.forEach(c -> problems.add("check round: " + c));
    }

    /** Wall-clock millis to the load's time (nanoseconds since the demo began). */
    private static long toNanos(long wallMillis, long originWall) {
        return (wallMillis - originWall) * 1_000_000L;
    }

    List<String> problems() {
        return problems;
    }

    List<String> table() {
        return table;
    }
}
