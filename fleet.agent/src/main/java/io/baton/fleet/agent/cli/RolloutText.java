package io.baton.fleet.agent.cli;

import io.baton.fleet.agent.NodeInfo;
import io.baton.fleet.agent.NodeProgress;
import io.baton.fleet.agent.Rollout;
import io.baton.fleet.agent.RolloutStatus;
import io.baton.fleet.agent.Step;
import io.baton.fleet.agent.Strategy;
import io.baton.fleet.agent.TimelineEvent;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The rollout commands' text output for people. */
final class RolloutText {
    private RolloutText() {}

    static String status(RolloutStatus s) {
        Rollout r = s.rollout;
        StringBuilder out = new StringBuilder();
        out.append("Rollout ").append(r.id).append(": ").append(r.state).append(r.reason == null ? "" : " (" + r.reason + ")").append('\n');
        out.append("targets: ").append(String.join(" ", r.targets)).append('\n');
        out.append("strategy: ").append(strategy(r.strategy)).append('\n');
        Step step = r.current();
        out.append("step: ").append(step == null ? (r.steps.isEmpty() ? "-" : "done") : (step.index + 1) + "/" + r.steps.size() + " "
                + step.kind + " " + step.nodes + " " + step.state).append(", failures ").append(r.failures)
                .append(", lease holders ").append(s.leaseHolders).append('\n');
        Columns nodes = new Columns("NODE", "LABELS", "VERSIONS", "PHASE", "SWAP", "DETAIL", "REGISTERED");
        for (String n : r.nodes) {
            NodeProgress p = s.progress.get(n);
            NodeInfo info = s.nodes.get(n);
            nodes.add(n, labels(r, n), info == null ? null : info.managed.entrySet().stream()
                    .filter(e -> r.targetVersions.isEmpty() || r.targetVersions.containsKey(e.getKey()))
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                    p == null ? null : p.phase, p == null ? null : p.swapId, p == null ? null : p.detail,
                    info == null ? "no" : "yes" + (info.trial == null ? "" : ", TRIAL " + info.trial));
        }
        return out.append(nodes.render()).toString();
    }

    static String history(List<Rollout> rollouts) {
        Columns table = new Columns("ID", "STATE", "TARGETS", "NODES", "CREATED", "ENDED", "REASON");
        for (Rollout r : rollouts) {
            table.add(r.id, r.state, String.join(" ", r.targets), r.nodes.size(), Instant.ofEpochMilli(r.createdAt),
                    r.endedAt == 0 ? null : Instant.ofEpochMilli(r.endedAt), r.reason);
        }
        return table.render();
    }

    static String timeline(Rollout r) {
        Columns table = new Columns("AT", "EVENT", "NODE", "DETAIL");
        for (TimelineEvent e : r.timeline) {
            table.add(Instant.ofEpochMilli(e.at), e.event, e.node, e.detail);
        }
        return "Rollout " + r.id + ": " + r.state + "\n" + table.render();
    }

    private static String labels(Rollout r, String node) {
        return r.labels.getOrDefault(node, java.util.Map.of()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static String strategy(Strategy s) {
        return "canary " + s.canary + ", batches of " + s.batchSize + ", maxUnavailable " + s.maxUnavailable + ", probation "
                + s.probationMillis + " ms, step pause " + s.stepPauseMillis + " ms, progress deadline " + s.progressDeadlineMillis
                + " ms, failureLimit " + s.failureLimit + ", inconclusiveLimit " + s.inconclusiveLimit
                + (s.order.isEmpty() ? "" : ", order " + String.join(",", s.order));
    }
}
