package io.baton.container.rollback.internal;

import io.baton.container.core.spi.Engine;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the one swap in TRIAL: runs its {@link Probation}'s detectors every check interval on the
 * {@code baton-probation} thread, and tells the {@link Outcome} when the probation ended clean or a
 * detector fired. The outcome is told outside this object's lock, so it may stop the probation.
 * Thread-safe.
 */
final class ProbationScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ProbationScheduler.class);

    /** What to do when a probation ends. */
    interface Outcome {
        /** The probation of {@code swapId} ended with no detector firing. */
        void ended(String swapId);

        /**
         * A detector fired during the probation of {@code swapId}.
         *
         * @return false if the rollback could not start now (another swap or deploy holds the lock): it
         *     is asked again at the next check, with the same verdict
         */
        boolean failed(String swapId, Verdict verdict);
    }

    private final BundleContext context;
    private final Engine engine;
    private final ScheduledExecutorService thread;
    /** When a failed or slow call was signalled and not yet judged ({@link System#nanoTime()}), or 0. */
    private final AtomicLong signalledAt = new AtomicLong();
    private Probation probation;
    private ScheduledFuture<?> task;
    /** A verdict whose rollback could not start yet: retried at each check until it does. */
    private Verdict pending;

    /** After a commit or rollback that threw (a journal that cannot be written), the pause before the next try. */
    static final long RETRY_MILLIS = 500;
    private long quietUntil = System.nanoTime();

    ProbationScheduler(BundleContext context, Engine engine) {
        this.context = context;
        this.engine = engine;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-probation");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching {@code watched} (stopping any probation before it). */
    synchronized void start(Probation watched, long intervalMillis, Outcome outcome) {
        stop();
        probation = watched;
        pending = null;
        quietUntil = System.nanoTime();
        signalledAt.set(0);
        context.addFrameworkListener(watched);
        task = thread.scheduleWithFixedDelay(() -> watch(watched, outcome, false), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        // a failed (or slow) call is judged at once, not at the next poll
        engine.watchCalls(watched.slowCallNanos(), at -> signal(watched, outcome, at));
    }

    synchronized void stop() {
        if (probation != null) {
            engine.watchCalls(0, null);
            context.removeFrameworkListener(probation);
            task.cancel(false);
            probation = null;
        }
    }

    /** On a caller's thread: hands the judgement to the probation thread, once per burst. */
    private void signal(Probation watched, Outcome outcome, long at) {
        if (signalledAt.compareAndSet(0, at)) {
            try {
                thread.execute(() -> watch(watched, outcome, true));
            } catch (RejectedExecutionException e) {
                signalledAt.set(0); // shutting down
            }
        }
    }

    void shutdown() {
        stop();
        thread.shutdownNow();
    }

    /** @param signalled run for a signalled call: only the call detectors are asked */
    private void watch(Probation watched, Outcome outcome, boolean signalled) {
        Verdict verdict;
        long signal = signalledAt.getAndSet(0);
        synchronized (this) {
            if (probation != watched || System.nanoTime() - quietUntil < 0) {
                return;
            }
            if (pending != null) {
                verdict = pending; // a detector fired: the rollback is owed, whatever the detectors say now
            } else if (System.currentTimeMillis() >= watched.endsAtMillis) {
                verdict = null;
            } else {
                try {
                    verdict = signalled ? watched.checkCalls() : watched.check();
                } catch (RuntimeException e) {
                    LOG.error("Probation of swap {}: a detector failed: {}", watched.swapId, e.toString(), e);
                    return;
                }
                if (verdict == null) {
                    return;
                }
                verdict.signalledAt = signal;
            }
        }
        try {
            if (verdict == null) {
                LOG.info("Probation of swap {} ended clean: committing", watched.swapId);
                outcome.ended(watched.swapId);
            } else {
                LOG.warn("Swap {} failed its probation: {}; rolling back", watched.swapId, verdict);
                boolean started = outcome.failed(watched.swapId, verdict);
                synchronized (this) {
                    if (probation == watched) {
                        pending = started ? null : verdict;
                    }
                }
            }
        } catch (Throwable e) { // never let the probation thread die: the next check comes all the same
            LOG.error("Probation of swap {}: acting on its outcome failed: {}; tried again in {} ms", watched.swapId, e.toString(),
                    RETRY_MILLIS, e);
            synchronized (this) {
                quietUntil = System.nanoTime() + RETRY_MILLIS * 1_000_000; // a failing disk is not hammered every check
            }
        }
    }
}
