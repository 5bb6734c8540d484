package io.baton.container.rollback.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The failure rate of calls into the new version over a sliding window, judged against the old
 * version's rate before the swap (in the spirit of an Argo Rollouts analysis). Not thread-safe: fed
 * by the probation thread only.
 */
final class ErrorRate {
    private static final class Sample {
        final long at;
        final long calls;
        final long failures;

        Sample(long at, long calls, long failures) {
            this.at = at;
            this.calls = calls;
            this.failures = failures;
        }
    }

    private final double baseline;
    private final double limit;
    private final long minCalls;
    private final long windowNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    ErrorRate(double baseline, double limit, long minCalls, long windowMillis, long startNanos) {
        this.baseline = baseline;
        this.limit = limit;
        this.minCalls = minCalls;
        this.windowNanos = windowMillis * 1_000_000;
        samples.addLast(new Sample(startNanos, 0, 0)); // counts start at zero when the new version takes over
    }

    /** @return a verdict when the rate over the window exceeds the baseline by more than the limit */
    Verdict sample(long now, long calls, long failures) {
        samples.addLast(new Sample(now, calls, failures));
        while (samples.size() > 1 && now - samples.peekFirst().at > windowNanos) {
            samples.removeFirst();
        }
        Sample first = samples.peekFirst();
        long c = calls - first.calls;
        long f = failures - first.failures;
        if (c < minCalls || c == 0) {
            return null;
        }
        double rate = (double) f / c;
        if (rate > baseline + limit) {
            return new Verdict("error-rate", String.format("error rate %.0f%% over %d calls > %.0f%% (old version %.0f%% + limit %.0f%%)",
                    rate * 100, c, (baseline + limit) * 100, baseline * 100, limit * 100));
        }
        return null;
    }
}
