package io.baton.container.core.internal;

import io.baton.container.core.PhaseTiming;
import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapProgress;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapStatus;
import io.baton.container.core.spi.Failures;
import io.baton.container.core.spi.SwapParticipant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one plan or swap as a list of {@link Phase}s, split at the point of no return:
 *
 * <pre>
 *   VALIDATE, STAGE, QUIESCE, TRANSFER   reversible: a failure undoes the failed phase and every earlier one, in reverse
 *   ---------------- point of no return ----------------
 *   SWITCH, RETIRE                       final: the new version serves; a failure is reported, never undone
 * </pre>
 *
 * A plan runs VALIDATE alone. Whatever a phase throws ({@code Throwable}: application code runs in
 * STAGE and TRANSFER) fails that phase; the gates always reopen. See {@link SwapPhase} for the table.
 * Not thread-safe: driven by one thread under the engine's lock.
 */
final class SwapDriver {
    private static final Logger LOG = LoggerFactory.getLogger(SwapDriver.class);

    static final List<Phase> REVERSIBLE = List.of(new ValidatePhase(), new StagePhase(), new QuiescePhase(), new TransferPhase());
    static final List<Phase> FINAL = List.of(new SwitchPhase(), new RetirePhase());

    private final SwapContext swap;
    private final PhaseNotices notices;
    private final List<Phase> reversible;
    private final List<Phase> finalPhases;
    private volatile SwapPhase current;

    SwapDriver(SwapContext swap, SwapProgress progress) {
        this(swap, progress, REVERSIBLE, FINAL);
    }

    /** With other phases: for tests of the driver itself. */
    SwapDriver(SwapContext swap, SwapProgress progress, List<Phase> reversible, List<Phase> finalPhases) {
        this.swap = swap;
        this.notices = new PhaseNotices(swap, progress);
        this.reversible = reversible;
        this.finalPhases = finalPhases;
    }

    String id() {
        return swap.id();
    }

    /** @return the phase running now, for a refusal's message */
    SwapPhase phase() {
        return current;
    }

    /** @return the phase running now and what it does, if it says: {@code QUIESCE (pre-copy of state cart of cart)} */
    String activity() {
        String step = swap.step;
        return current + (step == null ? "" : " (" + step + ")");
    }

    /** The dry run: VALIDATE alone; PLANNED or REFUSED. */
    SwapReport plan() {
        long t0 = System.nanoTime();
        try {
            run(reversible.get(0));
            swap.report.status = SwapStatus.PLANNED;
        } catch (Failed f) {
            fail(f);
        }
        return finish(t0);
    }

    /** The swap: every phase; SWAPPED, or REFUSED/ABORTED with everything undone. */
    SwapReport swap() {
        long t0 = System.nanoTime();
        swap.startedNanos = t0;
        LOG.info("Swap {} ({}) starts: {}", swap.id(), swap.kind, swap.request.targets);
        Deque<Phase> entered = new ArrayDeque<>();
        try {
            for (Phase p : reversible) {
                entered.push(p);
                run(p);
            }
        } catch (Failed f) {
            fail(f);
            entered.forEach(this::undo);
            LOG.info("Swap {} undone: the old versions serve, staged bundles removed", swap.id());
            for (SwapParticipant p : swap.env.participants()) {
                try {
                    p.failed(swap.ticket);
                } catch (RuntimeException e) {
                    LOG.error("Swap {}: participant {} failed to record the failure: {}", swap.id(), p.getClass().getSimpleName(), e.toString());
                }
            }
            return finish(t0);
        }
        // ---- point of no return ----
        for (Phase p : finalPhases) {
            try {
                run(p);
            } catch (Failed f) {
                LOG.error("Swap {}: {} failed after the point of no return; the new version serves: {}", swap.id(), f.phase, f.getMessage());
            }
        }
        swap.report.status = SwapStatus.SWAPPED;
        for (SwapParticipant p : swap.env.participants()) {
            try {
                p.swapped(swap.ticket);
            } catch (RuntimeException e) {
                LOG.error("Swap {}: participant {} failed after the swap: {}", swap.id(), p.getClass().getSimpleName(), e.toString());
            }
        }
        return finish(t0);
    }

    /** A phase that failed, with the phase. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        final SwapPhase phase;

        Failed(SwapPhase phase, String message, Throwable cause) {
            super(message, cause);
            this.phase = phase;
        }
    }

    private void run(Phase p) throws Failed {
        current = p.id();
        long t0 = System.nanoTime();
        String failure = null;
        try {
            p.run(swap);
        } catch (PhaseFailure f) {
            failure = Failures.firstLine(f.getMessage());
            if (f.getCause() != null) {
                LOG.debug("Swap {}: {} failed", swap.id(), p.id(), f.getCause());
            }
            throw new Failed(p.id(), failure, f);
        } catch (Throwable t) { // application code may throw anything, an Error included: the swap must still end
            failure = "unexpected " + Failures.rootCause(t);
            LOG.error("Swap {}: {} threw", swap.id(), p.id(), t);
            throw new Failed(p.id(), failure, t);
        } finally {
            PhaseTiming timing = new PhaseTiming();
            timing.phase = p.id();
            timing.micros = (System.nanoTime() - t0) / 1000;
            swap.report.phases.add(timing);
            notices.phaseDone(p.id(), timing.micros, failure);
        }
    }

    private void undo(Phase p) {
        try {
            p.undo(swap);
        } catch (Throwable t) {
            LOG.error("Swap {}: undoing {} failed", swap.id(), p.id(), t);
        }
    }

    private void fail(Failed f) {
        swap.report.failedPhase = f.phase;
        swap.report.failure = f.phase + ": " + f.getMessage();
        swap.report.status = f.phase == SwapPhase.VALIDATE ? SwapStatus.REFUSED : SwapStatus.ABORTED;
        LOG.warn("Swap {} {}: {}", swap.id(), swap.report.status, swap.report.failure);
    }

    private SwapReport finish(long t0) {
        notices.flush();
        SwapReport report = swap.report;
        report.totalMicros = (System.nanoTime() - t0) / 1000;
        LOG.info("Swap {} {} in {} us (pause {} us, {} calls waited, longest {} us, {} state bytes)", report.id, report.status,
                report.totalMicros, report.pauseMicros, report.waitedCalls, report.longestWaitMicros, report.stateBytes);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("swap.id", report.id);
        props.put("status", report.status.name());
        props.put("pause.micros", report.pauseMicros);
        if (report.failure != null) {
            props.put("failure", report.failure);
        }
        swap.env.post("io/baton/swap/" + report.status, props);
        return report;
    }
}
