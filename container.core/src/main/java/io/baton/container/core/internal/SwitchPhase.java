package io.baton.container.core.internal;

import io.baton.container.core.Quiescable;
import io.baton.container.core.SwapPhase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SWITCH, the point of no return: points each kept facade at its new object and opens the gates (the
 * pause ends here). Then, with calls flowing: the new bundles become the ones a restart starts,
 * facade properties follow the new registrations, added services are published and removed ones
 * withdrawn, a planned refresh runs, and the new objects resume their own threads.
 */
final class SwitchPhase implements Phase {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchPhase.class);

    @Override
    public SwapPhase id() {
        return SwapPhase.SWITCH;
    }

    @Override
    public void run(SwapContext swap) {
        List<Facade> switched = new ArrayList<>();
        List<Facade> removed = new ArrayList<>();
        Map<FacadeView, FacadeView.Binding> previous = new LinkedHashMap<>();
        for (Target t : swap.targets) {
            for (StagedService s : t.services) {
                if (s.facade != null && !s.replaceFacade) {
                    previous.putAll(swap.env.facades.switchTo(s.facade, s.reference, s.object, s.prepared));
                    switched.add(s.facade);
                }
            }
            for (Facade f : t.oldFacades) {
                if (!switched.contains(f)) {
                    removed.add(f);
                }
            }
            swap.env.roles.set(t.old, BundleRoles.Role.RETIRED);
            swap.env.roles.set(t.staged, BundleRoles.Role.ACTIVE);
        }
        swap.openGates(); // the pause ends here; registrations change below, with calls flowing
        swap.report.servingMicros = (System.nanoTime() - swap.startedNanos) / 1000;
        previous.forEach(FacadeView::release); // each consumer's object of the old implementation
        exportKeyed(swap);
        for (Target t : swap.targets) {
            persist(swap, t);
        }
        switched.forEach(swap.env.facades::refreshProperties);
        removed.forEach(swap.env.facades::remove);
        if (swap.refresh != null) {
            swap.refresh.perform(swap.env);
        }
        for (Target t : swap.targets) {
            for (StagedService s : t.services) {
                if (s.facade == null || s.replaceFacade) {
                    swap.env.facades.publish(s.reference);
                    swap.env.context.ungetService(s.reference); // the facade holds its own
                }
                if (s.object instanceof Quiescable) {
                    try {
                        swap.env.apps.run("resume() of " + s.identity, QuiescePhase.RESUME_TIMEOUT_MILLIS, ((Quiescable) s.object)::resume);
                    } catch (PhaseFailure e) {
                        LOG.error("Swap {}: {}; the new version serves", swap.id(), e.getMessage());
                    }
                }
            }
        }
    }

    /**
     * The checkpoint's state of each keyed service: its old object serves no call any more, so what it
     * exports now is its state at the pause, exported out of it (a keyed swap reads in the pause only the
     * entries changed since the pre-copy). The participants write it after SWITCH, as for the eager path.
     */
    private static void exportKeyed(SwapContext swap) {
        for (Target t : swap.targets) {
            for (StagedService s : t.services) {
                if (s.keyedOld == null) {
                    continue;
                }
                try {
                    java.util.Map<String, Object> state = swap.env.apps.call("exportState() of " + s.identity + " " + t.old.getVersion(),
                            swap.request.stageTimeoutMillis, s.keyedOld::exportState);
                    swap.exported.put(s.identity, swap.env.stateTransfer.capture(s.move.type, s.move.from, state, 0));
                } catch (PhaseFailure | io.baton.container.statexfer.StateTransferException e) {
                    LOG.error("Swap {}: the checkpoint gets no state of {} (a rollback can still migrate it down): {}", swap.id(), s.identity,
                            e.getMessage());
                }
            }
        }
    }

    /** Makes the new version one the framework starts after a restart (RETIRE clears the old one's flag). */
    private static void persist(SwapContext swap, Target t) {
        try {
            t.staged.start(); // already active: sets its persistent autostart flag
            if (swap.env.staging != null) {
                swap.env.staging.clear(t.staged); // it serves now: no longer a leftover if the process dies
            }
        } catch (BundleException | RuntimeException e) {
            LOG.error("Swap {}: start flags of {} not updated: {}", swap.id(), t.jar, e.toString());
        }
    }
}
