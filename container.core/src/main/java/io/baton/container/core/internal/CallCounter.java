package io.baton.container.core.internal;

import java.util.concurrent.atomic.LongAdder;

/** Calls and failures into one implementation through its facade; striped counters, no lock. */
final class CallCounter {
    final long bundleId;
    final String symbolicName;
    final String version;
    final long since = System.currentTimeMillis();
    final LongAdder calls = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LatencySamples latency = new LatencySamples(1024);

    CallCounter(long bundleId, String symbolicName, String version) {
        this.bundleId = bundleId;
        this.symbolicName = symbolicName;
        this.version = version;
    }
}
