package io.baton.container.rollback.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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

        /** A detector fired during the probation of {@code swapId}. */
        void failed(String swapId, Verdict verdict);
    }

    private final BundleContext context;
    private final ScheduledExecutorService thread;
    private Probation probation;
    private ScheduledFuture<?> task;

    ProbationScheduler(BundleContext context) {
        this.context = context;
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
        context.addFrameworkListener(watched);
        task = thread.scheduleWithFixedDelay(() -> watch(watched, outcome), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (probation != null) {
            context.removeFrameworkListener(probation);
            task.cancel(false);
            probation = null;
        }
    }

    void shutdown() {
        stop();
        thread.shutdownNow();
    }

    private void watch(Probation watched, Outcome outcome) {
        Verdict verdict;
        synchronized (this) {
            if (probation != watched) {
                return;
            }
            if (System.currentTimeMillis() >= watched.endsAtMillis) {
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
                outcome.failed(watched.swapId, verdict);
            }
        } catch (RuntimeException e) {
            LOG.error("Probation of swap {}: acting on its outcome failed: {}", watched.swapId, e.toString(), e);
        }
    }
}
