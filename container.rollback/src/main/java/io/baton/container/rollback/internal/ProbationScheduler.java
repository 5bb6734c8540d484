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
        task = thread.scheduleWithFixedDelay(() -> watch(watched, outcome), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        // a failed (or slow) call is judged at once, not at the next poll
        engine.watchCalls(watched.slowCallNanos(), at -> signal(watched, outcome, at));
    }

    /** @return the probation watched now, or null */
    synchronized Probation watched() {
        return probation;
    }

    synchronized void stop() {
        if (probation != null) {
            engine.watchCalls(0, null);
            context.removeFrameworkListener(probation);
            task.cancel(false);
            probation = null;
        }
    }

    /**
     * On the thread of a call that failed (or was slow): judges the call detectors right there, one
     * caller at a time (the others go on), so the verdict comes as the threshold is crossed, not when
     * the probation thread is next scheduled; a verdict is handed to the probation thread, which rolls
     * back. Costs only failed and slow calls, a few hundred microseconds each at most.
     */
    private void signal(Probation watched, Outcome outcome, long at) {
        if (!signalledAt.compareAndSet(0, at)) {
            return; // another caller is judging
        }
        try {
            synchronized (this) {
                if (probation != watched || pending != null || System.currentTimeMillis() >= watched.endsAtMillis) {
                    return;
                }
            }
            Verdict verdict = watched.checkCalls();
            if (verdict == null) {
                return;
            }
            verdict.signalledAt = at;
            synchronized (this) {
                if (probation != watched || pending != null) {
                    return;
                }
                pending = verdict;
            }
            thread.execute(() -> watch(watched, outcome));
        } catch (RejectedExecutionException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.error("Probation of swap {}: a detector failed on a signalled call: {}", watched.swapId, e.toString(), e);
        } finally {
            signalledAt.set(0);
        }
    }

    void shutdown() {
        stop();
        thread.shutdownNow();
    }

    private void watch(Probation watched, Outcome outcome) {
        Verdict verdict;
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
                    verdict = watched.check();
                } catch (RuntimeException e) {
                    LOG.error("Probation of swap {}: a detector failed: {}", watched.swapId, e.toString(), e);
                    return;
                }
                if (verdict == null) {
                    return;
                }
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
