package io.baton.container.core.internal;

import io.baton.container.core.spi.CallStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * Failures and sampled latencies of calls into one implementation through its facade (the calls
 * themselves are the gates' completed counts, kept by the facade); striped, no lock.
 */
final class CallCounter {
    final long bundleId;
    final String symbolicName;
    final String version;
    final long since = System.currentTimeMillis();
    final LongAdder failures = new LongAdder();
    final LatencySamples latency = new LatencySamples(1024);

    CallCounter(long bundleId, String symbolicName, String version) {
        this.bundleId = bundleId;
        this.symbolicName = symbolicName;
        this.version = version;
    }

    /** @return the counts as the SPI reports them */
    CallStats stats(String identity, long calls) {
        CallStats s = new CallStats();
        s.identity = identity;
        s.bundleId = bundleId;
        s.symbolicName = symbolicName;
        s.version = version;
        s.calls = calls;
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
