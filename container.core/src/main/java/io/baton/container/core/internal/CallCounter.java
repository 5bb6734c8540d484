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
        s.p99Nanos = latency.p99Nanos(20);
        s.since = since;
        return s;
    }
}
