package io.baton.container.core.internal;

import io.baton.container.core.SwapPhase;
import java.util.StringJoiner;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RETIRE: stops the old bundles, keeping them installed, so that a rollback returns to them without
 * reinstalling (an old exporter a refresh already uninstalled is reinstalled from its pinned jar).
 * After the point of no return: a failure is reported, the new version serves regardless.
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
}
