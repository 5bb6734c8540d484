package io.baton.container.core.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every pause end: when a swap closes its gates, the watchdog is set for maxPause plus a
 * grace; if the swap has not claimed the switch by then (something in the pause did not come back),
 * the watchdog reopens the gates on the old version itself, and the swap, when it comes back, is
 * undone. Calls are held at most that long, whatever runs in the pause. Thread-safe.
 */
final class PauseWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(PauseWatchdog.class);
    /** Time past maxPause the swap gets to notice it ran out and undo itself. */
    static final long GRACE_MILLIS = 250;

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "baton-pause-watchdog");
        t.setDaemon(true);
        return t;
    });

    PauseWatchdog() {
        // a pause that ended cancels its watch, which must then let go of the swap (its objects, its old version's
        // classes) at once, not when it would have fired
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Watches the pause that {@code swap} just began (its gates are closed).
     *
     * @return the watch, to cancel when the pause ends
     */
    ScheduledFuture<?> watch(SwapContext swap) {
        java.util.List<Facade> gated = java.util.List.copyOf(swap.gated);
        return timer.schedule(() -> {
            if (swap.pause.compareAndSet(SwapContext.Pause.CLOSED, SwapContext.Pause.REOPENED)) {
                gated.forEach(Facade::open); // the old objects serve again; the swap undoes itself when it returns
                LOG.error("Swap {}: the pause passed maxPause of {} ms + {} ms; the gates are reopened on the old version (phase {})",
                        swap.id(), swap.request.maxPauseMillis, GRACE_MILLIS, swap.report.phases.isEmpty() ? "?"
                                : swap.report.phases.get(swap.report.phases.size() - 1).phase + " and after");
            }
        }, swap.request.maxPauseMillis + GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** @return the pauses being watched now (a pause that ended is no longer watched, nor held) */
    int watching() {
        return timer.getQueue().size();
    }

    void close() {
        timer.shutdownNow();
    }
}
