package io.baton.container.core.internal;

import io.baton.container.core.SwapPhase;
import io.baton.container.core.spi.SwapKind;
import java.util.StringJoiner;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RETIRE, with calls flowing on the new version. A swap keeps each old bundle active but hidden (a warm
 * standby: its services have no facade pointing at them, its {@code Quiescable} objects stay
 * suspended), so that a rollback during probation only moves state and points the facades back; commit
 * (container.rollback) stops and removes it. A bundle that registers services under classes, which no
 * facade hides, is stopped instead (its consumers must not keep using it), as is every bundle of a cold
 * swap ({@code standby = false}) and the version a rollback leaves. Stopped bundles stay installed, so a
 * rollback returns to them without reinstalling. After the point of no return: a failure is reported,
 * the new version serves regardless.
 */
final class RetirePhase implements Phase {
    private static final Logger LOG = LoggerFactory.getLogger(RetirePhase.class);

    @Override
    public SwapPhase id() {
        return SwapPhase.RETIRE;
    }

    @Override
    public void run(SwapContext swap) throws PhaseFailure {
        StringJoiner failures = new StringJoiner("; ");
        for (Target t : swap.targets) {
            if (t.old.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            if (keepsWarm(swap, t)) {
                swap.report.notes.add(t.old.getSymbolicName() + " " + t.old.getVersion() + " (bundle " + t.old.getBundleId()
                        + ") stays active, hidden, as a warm standby until commit");
                LOG.info("Swap {} keeps {} {} (bundle {}) warm, now serving {}", swap.id(), t.old.getSymbolicName(), t.old.getVersion(),
                        t.old.getBundleId(), t.jar);
                continue;
            }
            try {
                // its activator's stop() and its components' deactivation are application code
                swap.env.apps.run(t.old.getSymbolicName() + " " + t.old.getVersion() + " stop()", swap.request.stageTimeoutMillis, t.old::stop);
                LOG.info("Swap {} retired {} {} (bundle {}), now serving {}", swap.id(), t.old.getSymbolicName(), t.old.getVersion(),
                        t.old.getBundleId(), t.jar);
            } catch (PhaseFailure e) {
                failures.add(e.getMessage());
            }
        }
        if (failures.length() > 0) {
            throw new PhaseFailure(failures.toString());
        }
    }

    private static boolean keepsWarm(SwapContext swap, Target t) {
        return swap.kind == SwapKind.SWAP && swap.request.standby && t.unfacadable.isEmpty() && t.old.getState() == Bundle.ACTIVE;
    }
}
