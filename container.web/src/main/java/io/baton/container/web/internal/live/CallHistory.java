package io.baton.container.web.internal.live;

import io.baton.container.core.spi.CallStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's call counts sampled over time, per facade and operation, turned into rates: the latest
 * calls and failures per second, the counts over a window (what the error-rate detector judges), and
 * chart series. Counts are per implementation (they restart at a swap), so a rate is only taken between
 * two samples of the same implementation; the first sample of a new one counts from when it began to
 * serve. Not thread-safe: {@link LiveData} guards it.
 */
final class CallHistory {
    /** One sample of one facade (and operation). */
    record Sample(long at, CallStats stats) {}

    /** A rate between two samples: at the later one's time. */
    record Rate(long at, double callsPerSecond, double failuresPerSecond, long p99Nanos) {}

    private final int capacity;
    private final Map<String, Deque<Sample>> samples = new LinkedHashMap<>();

    /** @param capacity samples kept per facade (one a second: 600 is ten minutes) */
    CallHistory(int capacity) {
        this.capacity = capacity;
    }

    static String key(CallStats s) {
        return s.operation == null || s.operation.equals("*") ? s.identity : s.identity + "#" + s.operation;
    }

    /** Records what the engine reported at {@code at}; facades no longer reported keep their past samples. */
    void add(long at, List<CallStats> rows) {
        for (CallStats s : rows) {
            Deque<Sample> q = samples.computeIfAbsent(key(s), k -> new ArrayDeque<>());
            q.addLast(new Sample(at, s));
            while (q.size() > capacity) {
                q.removeFirst();
            }
        }
    }

    /** @return the latest sample per facade that the engine still reported at its last sample time */
    Map<String, Sample> latest() {
        long last = samples.values().stream().mapToLong(q -> q.getLast().at).max().orElse(0);
        Map<String, Sample> latest = new LinkedHashMap<>();
        samples.forEach((k, q) -> {
            if (q.getLast().at == last) {
                latest.put(k, q.getLast());
            }
        });
        return latest;
    }

    /** @return the rate between a facade's last two samples, or null with fewer than one */
    Rate lastRate(String key) {
        Deque<Sample> q = samples.get(key);
        if (q == null || q.isEmpty()) {
            return null;
        }
        Iterator<Sample> back = q.descendingIterator();
        Sample now = back.next();
        return rate(back.hasNext() ? back.next() : null, now);
    }

    /** @return per facade, the rates at each sample after {@code afterMillis} */
    Map<String, List<Rate>> series(long afterMillis) {
        Map<String, List<Rate>> series = new LinkedHashMap<>();
        samples.forEach((key, q) -> {
            List<Rate> rates = new ArrayList<>();
            Sample previous = null;
            for (Sample s : q) {
                if (s.at > afterMillis) {
                    rates.add(rate(previous, s));
                }
                previous = s;
            }
            if (!rates.isEmpty()) {
                series.put(key, rates);
            }
        });
        return series;
    }

    /**
     * @return calls and failures of the facade's current implementation in the last {@code windowMillis}
     *     (as {@code {calls, failures}}; all of them if it began to serve within the window, or if too few
     *     samples reach back that far), or null if the facade was never sampled
     */
    long[] window(String key, long windowMillis) {
        Deque<Sample> q = samples.get(key);
        if (q == null || q.isEmpty()) {
            return null;
        }
        Sample now = q.getLast();
        long start = now.at - windowMillis;
        Sample base = null;
        if (now.stats.since < start) {
            for (Iterator<Sample> back = q.descendingIterator(); back.hasNext(); ) {
                Sample s = back.next();
                if (!sameImplementation(s, now)) {
                    break;
                }
                base = s;
                if (s.at <= start) {
                    break;
                }
            }
        }
        if (base == null || base == now) {
            return new long[] {now.stats.calls, now.stats.failures};
        }
        return new long[] {now.stats.calls - base.stats.calls, now.stats.failures - base.stats.failures};
    }

    private static Rate rate(Sample before, Sample now) {
        long calls = now.stats.calls;
        long failures = now.stats.failures;
        long from = now.stats.since;
        if (before != null && sameImplementation(before, now)) {
            calls -= before.stats.calls;
            failures -= before.stats.failures;
            from = before.at;
        }
        double seconds = Math.max(1, now.at - from) / 1000.0;
        return new Rate(now.at, calls / seconds, failures / seconds, now.stats.p99Nanos);
    }

    private static boolean sameImplementation(Sample a, Sample b) {
        return a.stats.bundleId == b.stats.bundleId && a.stats.since == b.stats.since;
    }
}
