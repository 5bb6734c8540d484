package io.baton.demo.cart.internal;

import io.baton.container.rollback.RecordState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of a demo run, computed from every request and every swap:
 * <ul>
 *   <li>each good swap SWAPPED and COMMITTED, the faulty one SWAPPED and ROLLED_BACK by a detector;</li>
 *   <li>no failed request outside the faulty release's trial (from its swap to the end of its rollback);</li>
 *   <li>every cart holds exactly its acknowledged adds after every swap and at the end;</li>
 *   <li>the web front answered from one activation only: a swap never restarted it.</li>
 * </ul>
 */
final class DemoSummary {
    /** Requests that end this long after a swap still count as "around" it. */
    private static final long AROUND_NANOS = 1_000_000_000L;

    private final List<RequestRecord> records;
    private final List<SwapStep> steps;
    private final List<String> finalCheck;
    private final LoadGenerator load;
    private final List<String> violations = new ArrayList<>();
    private final long faultyFrom;
    private final long faultyTo;

    DemoSummary(List<RequestRecord> records, List<SwapStep> steps, List<String> finalCheck, LoadGenerator load) {
        this.records = records;
        this.steps = steps;
        this.finalCheck = finalCheck;
        this.load = load;
        SwapStep faulty = steps.stream().filter(s -> s.expectRollback).findFirst().orElse(null);
        this.faultyFrom = faulty == null ? Long.MAX_VALUE : faulty.startNanos;
        this.faultyTo = faulty == null || faulty.rollbackEndNanos == 0 ? Long.MAX_VALUE : faulty.rollbackEndNanos;
        judge();
    }

    List<String> violations() {
        return violations;
    }

    private void judge() {
        if (steps.size() < 3) {
            violations.add("only " + steps.size() + " of 3 swaps ran");
        }
        for (SwapStep s : steps) {
            if (s.failure != null) {
                violations.add(s.failure);
            } else if (s.expectRollback && (s.outcome == null || s.outcome.state != RecordState.ROLLED_BACK)) {
                violations.add("the faulty " + s.to + " was not rolled back by the failure monitor");
            } else if (!s.expectRollback && (s.outcome == null || s.outcome.state != RecordState.COMMITTED)) {
                violations.add("swap " + s.label() + " was not committed");
            }
            if (!s.stateProblems.isEmpty()) {
                violations.add("state after " + s.label() + ": " + s.stateProblems);
            }
        }
        long outside = records.stream().filter(r -> !r.ok() && (r.startNanos() < faultyFrom || r.startNanos() > faultyTo)).count();
        if (outside > 0) {
            violations.add(outside + " requests failed outside the faulty release's trial");
        }
        if (!finalCheck.isEmpty()) {
            violations.add("state at the end: " + finalCheck);
        }
        if (!load.mismatches().isEmpty()) {
            violations.add("responses that contradicted the acknowledged adds: " + load.mismatches());
        }
        if (load.instances().size() != 1) {
            violations.add("the web front answered from " + load.instances().size() + " activations (restarted by a swap?): " + load.instances());
        }
        if (records.isEmpty()) {
            violations.add("no request completed");
        }
    }

    /** Failed requests that started in [from, to) (ns since the origin). */
    long failures(long from, long to) {
        return records.stream().filter(r -> !r.ok() && r.startNanos() >= from && r.startNanos() < to).count();
    }

    /** The longest request overlapping [from, to]. */
    long longest(long from, long to) {
        return records.stream().filter(r -> r.endNanos() >= from && r.startNanos() <= to).mapToLong(RequestRecord::latencyNanos).max().orElse(0);
    }

    /** Latencies of the requests away from every swap and the faulty trial, sorted; computed once. */
    private long[] steady;

    /** A latency percentile (0..100) over requests outside every swap and the faulty trial. */
    long steadyPercentile(double p) {
        if (steady == null) {
            steady = records.stream().filter(r -> !nearSwap(r)).mapToLong(RequestRecord::latencyNanos).sorted().toArray();
        }
        long[] latencies = steady;
        if (latencies.length == 0) {
            return 0;
        }
        return latencies[(int) Math.min(latencies.length - 1, Math.ceil(p / 100 * latencies.length) - 1)];
    }

    private boolean nearSwap(RequestRecord r) {
        for (SwapStep s : steps) {
            long end = Math.max(s.endNanos, s.rollbackEndNanos) + AROUND_NANOS;
            if (r.endNanos() >= s.startNanos && r.startNanos() <= end) {
                return true;
            }
        }
        return false;
    }

    /** The summary as a table: a header row, then one row per swap and one per rollback. */
    List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SWAP", "OUTCOME", "PAUSE", "LONGEST REQUEST", "FAILED REQUESTS", "STATE CHECK"});
        for (SwapStep s : steps) {
            long windowEnd = (s.rollbackEndNanos > 0 ? s.rollbackEndNanos : s.endNanos) + AROUND_NANOS;
            String outcome = s.failure != null ? "FAILED" : s.outcome == null ? "?" : s.outcome.state == RecordState.ROLLED_BACK
                    ? "rolled back (" + s.outcome.detector + ")" : s.outcome.state.toString().toLowerCase(Locale.ROOT);
            String failed = Long.toString(failures(s.startNanos - AROUND_NANOS, windowEnd));
            if (s.expectRollback) {
                failed += " (the faulty release)";
            }
            rows.add(new String[] {s.label(), outcome, s.report == null ? "-" : ms(s.report.pauseMicros * 1000),
                    ms(longest(s.startNanos, s.endNanos)), failed, s.stateProblems.isEmpty() ? "ok" : "FAILED"});
            if (s.rollback != null) {
                rows.add(new String[] {s.to + " -> " + s.from + " (rollback)", s.rollback.state.toString().toLowerCase(Locale.ROOT),
                        ms(s.rollback.pauseMicros * 1000), ms(longest(s.endNanos, s.rollbackEndNanos)),
                        failures(s.rollbackEndNanos, s.rollbackEndNanos + AROUND_NANOS) + " after it", s.stateProblems.isEmpty() ? "ok" : "FAILED"});
            }
        }
        return rows;
    }

    /** What the table does not hold: the rollback's timing and evidence, the requests, the web front, the final check. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (SwapStep s : steps) {
            if (s.outcome != null && s.outcome.state == RecordState.ROLLED_BACK) {
                notes.add(String.format(Locale.ROOT, "Rollback of %s: %s from detection to %s serving; %s: %s",
                        s.to, ms(DemoRun.rollbackMicros(s) * 1000), s.from, s.outcome.detector, s.outcome.evidence));
            }
        }
        long failed = failedRequests();
        notes.add(String.format(Locale.ROOT, "Requests: %d, failed %d (all %s the faulty release's trial); steady latency p50 %s, p99 %s",
                records.size(), failed, failed == failures(faultyFrom, faultyTo) ? "within" : "NOT within",
                ms(steadyPercentile(50)), ms(steadyPercentile(99))));
        notes.add("Web front activations seen: " + load.instances().size() + (load.instances().size() == 1 ? " (never restarted)" : ""));
        notes.add("Final state check: " + (finalCheck.isEmpty() ? "every cart holds every acknowledged add" : finalCheck));
        if (!load.ioErrors().isEmpty()) {
            notes.add("I/O errors: " + load.ioErrors());
        }
        return notes;
    }

    long failedRequests() {
        return records.stream().filter(r -> !r.ok()).count();
    }

    /** The table and the notes as text, for the console. */
    String table() {
        StringBuilder text = new StringBuilder(format(rows()));
        notes().forEach(n -> text.append(n).append('\n'));
        return text.toString();
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    private static String format(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            appendRow(text, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    char[] dashes = new char[widths[i]];
                    Arrays.fill(dashes, '-');
                    rule[i] = new String(dashes);
                }
                appendRow(text, rule, widths);
            }
        }
        return text.toString();
    }

    private static void appendRow(StringBuilder text, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            line.append(String.format("%-" + widths[i] + "s", row[i]));
            if (i < row.length - 1) {
                line.append("  ");
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    List<SwapStep> steps() {
        return steps;
    }
}
