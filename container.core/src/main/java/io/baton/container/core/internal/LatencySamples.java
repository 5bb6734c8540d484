package io.baton.container.core.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The latest call durations of one implementation, sampled (about one call in 64, so the facade's
 * fast path pays a random number and no clock read on the other calls), in a lock-free ring.
 */
final class LatencySamples {
    static final int SAMPLE_MASK = 63;
    private final AtomicLongArray ring;
    private final AtomicInteger next = new AtomicInteger();

    LatencySamples(int size) {
        ring = new AtomicLongArray(size);
    }

    void record(long nanos) {
        ring.set(Math.floorMod(next.getAndIncrement(), ring.length()), nanos);
    }

    /** @return the 99th percentile in nanoseconds, or -1 with fewer than {@code minSamples} samples */
    long p99Nanos(int minSamples) {
        int n = Math.min(next.get(), ring.length());
        if (n < minSamples) {
            return -1;
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = ring.get(i);
        }
        Arrays.sort(values);
        return values[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)];
    }
}
