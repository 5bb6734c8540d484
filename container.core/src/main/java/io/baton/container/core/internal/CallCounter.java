package io.baton.container.core.internal;

import java.util.concurrent.atomic.LongAdder;

/** Calls and failures into one implementation through its facade: calls from the gate's completed count, failures striped; no lock. */
final class CallCounter {
    final long bundleId;
    final String symbolicName;
    final String version;
    final long since = System.currentTimeMillis();
    private final Gate gate;
    /** The gate's completed calls when this implementation began to serve. */
    private final long base;
    final LongAdder failures = new LongAdder();
    final LatencySamples latency = new LatencySamples(1024);

    /** @param gate the facade's gate; calls are counted from its completed calls on (created while it is drained or unused) */
    CallCounter(long bundleId, String symbolicName, String version, Gate gate) {
        this.gate = gate;
        this.base = gate.completed();
        this.bundleId = bundleId;
        this.symbolicName = symbolicName;
        this.version = version;
    }

    /** Calls completed through the facade into this implementation. */
    long calls() {
        return gate.completed() - base;
    }

    /** @return the counts as the SPI reports them */
    io.baton.container.core.spi.CallStats stats(String identity) {
        io.baton.container.core.spi.CallStats s = new io.baton.container.core.spi.CallStats();
        s.identity = identity;
        s.bundleId = bundleId;
        s.symbolicName = symbolicName;
        s.version = version;
        s.calls = calls();
        s.failures = failures.sum();
        long[] percentiles = latency.percentiles(20, 0.5, 0.9, 0.99);
        s.p50Nanos = percentiles[0];
        s.p90Nanos = percentiles[1];
        s.p99Nanos = percentiles[2];
        s.latencyBoundsNanos = LatencySamples.BOUNDS_NANOS.clone();
        // read without a lock: a sample recorded meanwhile may show in the counts and not yet in the sum
        s.latencyCounts = latency.bucketCounts();
        s.latencySumNanos = latency.sumNanos();
        s.since = since;
        return s;
    }
}
