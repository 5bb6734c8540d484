package io.baton.container.core.internal;

import io.baton.container.core.spi.CallStats;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls, failures and sampled latencies into one implementation through its facade, in all and per
 * operation (method), so that a release that breaks one kind of call shows whatever the traffic mix.
 * The calls in all are the gates' completed counts, kept by the facade; the per-operation calls and
 * the failures are per-thread {@link SlotCounters} (a call writes only its own thread's row: nothing
 * shared, no atomic), summed on read. The per-operation map is built once and only read after.
 * Sampled latencies ({@link LatencySamples}) do write shared atomics, but only on the one call in 64
 * that is timed.
 */
final class CallCounter {
    /** One operation: its columns in {@link #counts}. */
    static final class Op {
        final String name;
        final int calls;
        final int failures;

        Op(String name, int index) {
            this.name = name;
            this.calls = 1 + 2 * index;
            this.failures = 2 + 2 * index;
        }
    }

    /** Column of the failures in all; then each operation's calls and failures. */
    private static final int FAILURES = 0;

    final long bundleId;
    final String symbolicName;
    final String version;
    final long since = System.currentTimeMillis();
    final LatencySamples latency = new LatencySamples(1024);
    private final Map<Method, Op> ops = new HashMap<>();
    private final SlotCounters counts;

    /** Told of failed and slow calls (never null). */
    final CallSignal signal;

    CallCounter(long bundleId, String symbolicName, String version, Class<?>[] interfaces, CallSignal signal) {
        this.signal = signal;
        this.bundleId = bundleId;
        this.symbolicName = symbolicName;
        this.version = version;
        for (Class<?> type : interfaces) {
            for (Method m : type.getMethods()) {
                ops.computeIfAbsent(m, k -> new Op(name(k), ops.size()));
            }
        }
        counts = new SlotCounters(1 + 2 * ops.size());
    }

    /** Counts a completed call of {@code op} (null: a method of no service interface) on the caller's row. */
    void called(Caller caller, Op op) {
        if (op != null) {
            counts.increment(caller.slot, op.calls);
        }
    }

    /** Counts a failed call; then tells the signal, so that a detector told now sees this failure. */
    void failed(Caller caller, Op op) {
        counts.increment(caller.slot, FAILURES);
        if (op != null) {
            counts.increment(caller.slot, op.failures);
        }
        signal.failed();
    }

    /** @return the counts of this method, or null for a method of no service interface (Object's) */
    Op op(Method method) {
        return ops.get(method);
    }

    /** {@code add(String,String,int)}: readable, and distinct for overloads. */
    static String name(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(",", "(", ")"));
    }

    /**
     * @param calls the calls in all (the gates' completed counts)
     * @return the counts as the SPI reports them: one row for the facade in all (operation {@code *}),
     *     then one per operation called at least once
     */
    List<CallStats> stats(String identity, long calls) {
        List<CallStats> rows = new ArrayList<>();
        CallStats all = row(identity, "*", calls, counts.sum(FAILURES));
        long[] percentiles = latency.percentiles(20, 0.5, 0.9, 0.99);
        all.p50Nanos = percentiles[0];
        all.p90Nanos = percentiles[1];
        all.p99Nanos = percentiles[2];
        all.latencyBoundsNanos = LatencySamples.BOUNDS_NANOS.clone();
        // read without a lock: a sample recorded meanwhile may show in the counts and not yet in the sum
        all.latencyCounts = latency.bucketCounts();
        all.latencySumNanos = latency.sumNanos();
        rows.add(all);
        for (Op o : ops.values().stream().sorted((a, b) -> a.name.compareTo(b.name)).toArray(Op[]::new)) {
            long opCalls = counts.sum(o.calls);
            if (opCalls > 0) {
                rows.add(row(identity, o.name, opCalls, counts.sum(o.failures)));
            }
        }
        return rows;
    }

    private CallStats row(String identity, String operation, long calls, long failed) {
        CallStats s = new CallStats();
        s.identity = identity;
        s.bundleId = bundleId;
        s.symbolicName = symbolicName;
        s.version = version;
        s.operation = operation;
        s.calls = calls;
        s.failures = failed;
        s.p50Nanos = -1; // latency is sampled for the facade in all (see stats), not per operation
        s.p90Nanos = -1;
        s.p99Nanos = -1;
        s.since = since;
        return s;
    }
}
