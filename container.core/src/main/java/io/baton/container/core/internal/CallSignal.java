package io.baton.container.core.internal;

import java.util.function.LongConsumer;

/**
 * Tells a watcher (container.rollback's probation) the moment a call into a facade fails, or a sampled
 * call is slower than its threshold, so that a detector judges at once instead of at its next poll.
 * One watcher per framework; the cost on the fast path is nothing (failures and samples only).
 * Thread-safe.
 */
final class CallSignal {
    private volatile LongConsumer listener;
    private volatile long slowNanos = Long.MAX_VALUE;

    /** @param listener told {@link System#nanoTime()} of each failed or slow call; null stops the watch */
    void watch(long slowNanos, LongConsumer listener) {
        this.slowNanos = slowNanos <= 0 ? Long.MAX_VALUE : slowNanos;
        this.listener = listener;
    }

    void failed() {
        LongConsumer l = listener;
        if (l != null) {
            l.accept(System.nanoTime());
        }
    }

    void sampled(long nanos) {
        if (nanos > slowNanos) {
            LongConsumer l = listener;
            if (l != null) {
                l.accept(System.nanoTime());
            }
        }
    }
}
