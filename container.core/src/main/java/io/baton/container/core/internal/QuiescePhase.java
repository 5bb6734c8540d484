package io.baton.container.core.internal;

import io.baton.container.core.Quiescable;
import io.baton.container.core.SwapPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QUIESCE: pre-copies keyed state while the old version serves ({@link PreCopy}), then closes the gates of every affected facade (new calls wait, never fail), suspends the old
 * objects' own threads ({@link Quiescable}), and drains the calls in flight, bounded by
 * {@code drainTimeoutMillis} (stuck calls are reported by thread and method). Undo: resumes the
 * old objects and reopens their gates.
 */
final class QuiescePhase implements Phase {
    private static final Logger LOG = LoggerFactory.getLogger(QuiescePhase.class);
    /** How long a resume() may take before Baton gives up on it (the gates are open by then). */
    static final long RESUME_TIMEOUT_MILLIS = 5_000;

    @Override
    public SwapPhase id() {
        return SwapPhase.QUIESCE;
    }

    @Override
    public void run(SwapContext swap) throws PhaseFailure {
        PreCopy.run(swap); // keyed state, while the old version serves
        swap.closedAt = System.nanoTime();
        for (Facade f : affected(swap)) {
            f.close(swap.token);
            swap.gated.add(f);
        }
        swap.pause.set(SwapContext.Pause.CLOSED);
        swap.watch = swap.env.watchdog.watch(swap);
        for (Facade f : swap.gated) {
            for (Object target : f.targets()) {
                if (target instanceof Quiescable) {
                    Quiescable q = (Quiescable) target;
                    swap.env.apps.run("suspend() of " + f.identity, swap.pauseLeftMillis(), q::suspend);
                    swap.suspendedOld.add(q);
                }
            }
        }
        Target.checkLive(swap.gated);
        long deadline = swap.closedAt + Duration.ofMillis(swap.request.drainTimeoutMillis).toNanos();
        for (Facade f : swap.gated) {
            if (!f.awaitDrained(deadline)) {
                swap.report.stuckCalls.addAll(StuckCalls.find(swap.gated));
                throw new PhaseFailure("calls still in flight after drainTimeout of " + swap.request.drainTimeoutMillis
                        + " ms: " + swap.report.stuckCalls);
            }
        }
        swap.checkPause();
    }

    /** The facades of the bundles swapped, and those of a refresh's managed consumers. */
    private static List<Facade> affected(SwapContext swap) {
        List<Facade> affected = new ArrayList<>();
        swap.targets.forEach(t -> affected.addAll(t.oldFacades));
        if (swap.refresh != null) {
            affected.addAll(swap.refresh.consumerFacades);
        }
        return affected;
    }

    @Override
    public void undo(SwapContext swap) {
        for (Quiescable q : swap.suspendedOld) {
            try {
                swap.env.apps.run("resume() of an old object", RESUME_TIMEOUT_MILLIS, q::resume);
            } catch (PhaseFailure e) {
                LOG.error("Swap {}: while aborting: {}", swap.id(), e.getMessage());
            }
        }
        swap.suspendedOld.clear();
        swap.openGates();
    }
}
