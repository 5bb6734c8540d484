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
    /** Calls and failures in the window at the latest sample. */
    long lastCalls;
    long lastFailures;

    /** @return the detector's reading at the latest sample, against its limit */
    io.baton.container.rollback.DetectorReading reading(String subject) {
        io.baton.container.rollback.DetectorReading r = new io.baton.container.rollback.DetectorReading();
        r.detector = "error-rate";
        r.subject = subject;
        double rate = lastCalls == 0 ? 0 : (double) lastFailures / lastCalls;
        r.value = rate;
        r.limitValue = baseline + limit;
        r.reading = String.format(java.util.Locale.ROOT, "%.1f%% (%d of %d calls in the window)", rate * 100, lastFailures, lastCalls);
        r.limit = String.format(java.util.Locale.ROOT, "%.1f%% (the old version's %.1f%% + %.1f%%), judged from %d calls", (baseline + limit) * 100,
                baseline * 100, limit * 100, minCalls);
        r.state = lastCalls < minCalls ? "judging" : rate > baseline + limit ? "over" : "ok";
        r.at = System.currentTimeMillis();
        return r;
    }

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
        lastCalls = c;
        lastFailures = f;
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
