package io.baton.container.core.internal;

import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the world that a phase ended: the log, an EventAdmin event {@code io/baton/swap/<PHASE>}, and
 * the caller's progress listener. While the gates are closed, telling would lengthen the pause, so
 * notices wait until the gates open (SWITCH, or the undo of a failed swap), and are then told in phase order.
 */
final class PhaseNotices {
    private static final Logger LOG = LoggerFactory.getLogger(PhaseNotices.class);

    private final SwapContext swap;
    private final SwapProgress progress;
    private final List<Runnable> held = new ArrayList<>();

    PhaseNotices(SwapContext swap, SwapProgress progress) {
        this.swap = swap;
        this.progress = progress;
    }

    void phaseDone(SwapPhase phase, long micros, String failure) {
        Runnable tell = () -> {
            LOG.info("Swap {} {} took {} us{}", swap.id(), phase, micros, failure == null ? "" : ", failed: " + failure);
            swap.env.post("io/baton/swap/" + phase, Map.of("swap.id", swap.id(), "phase", phase.name(), "micros", micros));
            if (progress != null) {
                try {
                    progress.phaseDone(phase, micros, failure);
                } catch (RuntimeException e) {
                    LOG.warn("Swap {}: the progress listener failed: {}", swap.id(), e.toString());
                }
            }
        };
        if (swap.closedAt != 0) {
            held.add(tell);
        } else {
            flush();
            tell.run();
        }
    }

    /** Tells what was held back. */
    void flush() {
        List<Runnable> pending = new ArrayList<>(held);
        held.clear();
        pending.forEach(Runnable::run);
    }
}
