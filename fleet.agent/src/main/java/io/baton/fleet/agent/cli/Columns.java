package io.baton.fleet.agent.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Left-aligned columns under a header and a dashed rule, two blanks apart; null prints as "-". */
final class Columns {
    private final List<List<String>> lines = new ArrayList<>();

    Columns(String... header) {
        lines.add(Arrays.asList(header));
    }

    Columns add(Object... cells) {
        List<String> line = new ArrayList<>();
        for (Object c : cells) {
            line.add(c == null ? "-" : c.toString());
        }
        lines.add(line);
        return this;
    }

    String render() {
        int n = lines.get(0).size();
        int[] w = new int[n];
        lines.forEach(l -> {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], l.get(i).length());
            }
        });
        List<String> rule = new ArrayList<>();
        for (int width : w) {
            rule.add("-".repeat(width));
        }
        lines.add(1, rule);
        StringBuilder out = new StringBuilder();
        for (List<String> l : lines) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < n; i++) {
                row.append(String.format("%-" + (w[i] + 2) + "s", l.get(i)));
            }
            out.append(row.toString().stripTrailing()).append('\n');
        }
        lines.remove(1);
        return out.toString();
    }
}
