package io.baton.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample (nearest rank). */
final class Stats {
    final long[] sorted;

    Stats(List<Long> values) {
        sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    int count() {
        return sorted.length;
    }

    /** @return the {@code p}-th percentile (0 < p <= 100) by nearest rank; 0 for no sample */
    long percentile(double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    long p50() {
        return percentile(50);
    }

    long p99() {
        return percentile(99);
    }

    long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    long sum() {
        return Arrays.stream(sorted).sum();
    }

    /** Microseconds as milliseconds with 3 decimals. */
    static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
