package io.baton.container.core.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sampled call durations of one implementation (about one call in 64, drawn by the thread's own
 * {@link Caller}, so the facade's fast path pays no clock read and no shared write on the other calls): the latest ones in a lock-free ring, for
 * percentiles, and all of them in a fixed-bucket histogram, for metrics that must only grow.
 */
final class LatencySamples {
    static final int SAMPLE_MASK = 63;
    /** Upper bounds of the histogram's buckets, nanoseconds: 1 us to 10 s in 1-2.5-5 steps. */
    static final long[] BOUNDS_NANOS = {
        1_000L, 2_500L, 5_000L, 10_000L, 25_000L, 50_000L, 100_000L, 250_000L, 500_000L,
        1_000_000L, 2_500_000L, 5_000_000L, 10_000_000L, 25_000_000L, 50_000_000L, 100_000_000L, 250_000_000L, 500_000_000L,
        1_000_000_000L, 2_500_000_000L, 5_000_000_000L, 10_000_000_000L};
    private final AtomicLongArray ring;
    private final AtomicInteger next = new AtomicInteger();
    /** One more than the bounds: the last counts durations above every bound. */
    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_NANOS.length + 1);
    private final LongAdder sum = new LongAdder();

    LatencySamples(int size) {
        ring = new AtomicLongArray(size);
    }

    void record(long nanos) {
        ring.set(Math.floorMod(next.getAndIncrement(), ring.length()), nanos);
        int at = Arrays.binarySearch(BOUNDS_NANOS, nanos);
        buckets.incrementAndGet(at >= 0 ? at : -at - 1);
        sum.add(nanos);
    }

    /**
     * @param quantiles each in (0, 1]
     * @return the quantiles of the ring's samples in nanoseconds, in the order asked; all -1 with fewer
     *     than {@code minSamples} samples
     */
    long[] percentiles(int minSamples, double... quantiles) {
        long[] result = new long[quantiles.length];
        int n = Math.min(next.get(), ring.length());
        if (n < minSamples) {
            Arrays.fill(result, -1);
            return result;
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = ring.get(i);
        }
        Arrays.sort(values);
        for (int q = 0; q < quantiles.length; q++) {
            result[q] = values[Math.max(0, Math.min(n - 1, (int) Math.ceil(n * quantiles[q]) - 1))];
        }
        return result;
    }

    /** @return sampled calls per bucket of {@link #BOUNDS_NANOS} (not cumulative), the last above every bound */
    long[] bucketCounts() {
        long[] counts = new long[buckets.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets.get(i);
        }
        return counts;
    }

    long sumNanos() {
        return sum.sum();
    }
}
