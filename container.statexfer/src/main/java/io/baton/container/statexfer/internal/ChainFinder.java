package io.baton.container.statexfer.internal;

import io.baton.container.statexfer.MigratorEdge;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shortest migration chain between two schema versions of one state type (breadth-first search). */
public final class ChainFinder {
    private ChainFinder() {}

    /** @return the steps from {@code from} to {@code to}, empty if equal; empty Optional if no chain */
    public static Optional<List<MigratorEdge>> find(String type, int from, int to, Collection<MigratorEdge> edges) {
        if (from == to) {
            return Optional.of(List.of());
        }
        Map<Integer, List<MigratorEdge>> out = new HashMap<>();
        for (MigratorEdge e : edges) {
            if (e.type().equals(type) && e.from() != e.to()) {
                out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            }
        }
        Map<Integer, MigratorEdge> reachedBy = new HashMap<>();
        Deque<Integer> queue = new ArrayDeque<>(List.of(from));
        reachedBy.put(from, null);
        while (!queue.isEmpty()) {
            int version = queue.removeFirst();
            for (MigratorEdge e : out.getOrDefault(version, List.of())) {
                if (!reachedBy.containsKey(e.to())) {
                    reachedBy.put(e.to(), e);
                    if (e.to() == to) {
                        return Optional.of(path(reachedBy, to));
                    }
                    queue.addLast(e.to());
                }
            }
        }
        return Optional.empty();
    }

    private static List<MigratorEdge> path(Map<Integer, MigratorEdge> reachedBy, int to) {
        List<MigratorEdge> steps = new ArrayList<>();
        for (MigratorEdge e = reachedBy.get(to); e != null; e = reachedBy.get(e.from())) {
            steps.add(e);
        }
        Collections.reverse(steps);
        return steps;
    }
}
