package io.baton.fleet.agent.internal;

import io.baton.fleet.agent.Step;
import io.baton.fleet.agent.Strategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The scheduling function: orders the nodes by their labels (most significant first, e.g.
 * {@code zone,rack}, so a rollout finishes one zone before it touches the next, as Upstart's
 * scheduling functions order upgrades to limit disruption), ties and unlabelled nodes by node id;
 * then cuts the order into the canary step and batches.
 */
public final class StepPlanner {
    private StepPlanner() {}

    /** @return the nodes in rollout order; a node without a label sorts after those with it */
    public static List<String> order(List<String> nodes, Map<String, Map<String, String>> labels, List<String> keys) {
        Comparator<String> byLabels = (a, b) -> 0;
        for (String key : keys) {
            Comparator<String> byKey = Comparator.comparing(n -> labels.getOrDefault(n, Map.of()).get(key),
                    Comparator.nullsLast(Comparator.naturalOrder()));
            byLabels = byLabels.thenComparing(byKey);
        }
        List<String> sorted = new ArrayList<>(nodes);
        sorted.sort(byLabels.thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    /** @return the canary step (if the strategy has one) and the batches, covering every node once */
    public static List<Step> steps(List<String> nodes, Map<String, Map<String, String>> labels, Strategy strategy) {
        List<String> ordered = order(nodes, labels, strategy.order);
        List<Step> steps = new ArrayList<>();
        int canary = strategy.canarySize(ordered.size());
        if (canary > 0) {
            steps.add(step(steps.size(), Step.Kind.CANARY, ordered.subList(0, canary)));
        }
        for (int i = canary; i < ordered.size(); i += strategy.batchSize) {
            steps.add(step(steps.size(), Step.Kind.BATCH, ordered.subList(i, Math.min(ordered.size(), i + strategy.batchSize))));
        }
        return steps;
    }

    private static Step step(int index, Step.Kind kind, List<String> nodes) {
        Step s = new Step();
        s.index = index;
        s.kind = kind;
        s.nodes = new ArrayList<>(nodes);
        return s;
    }
}
