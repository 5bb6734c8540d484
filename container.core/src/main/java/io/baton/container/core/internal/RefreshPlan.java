package io.baton.container.core.internal;

import io.baton.container.core.SwapPhase;
import io.baton.container.statexfer.Snapshot;
import io.baton.container.statexfer.StateTransfer;
import io.baton.container.statexfer.StateTransferException;
import io.baton.container.statexfer.Stateful;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refresh part of a swap allowed to change the class space of an exported API package: the
 * consumers of the old exporter (its dependency closure) are quiesced with the swap, their managed
 * services' state is exported, the old exporter is uninstalled and the closure refreshed, so the
 * consumers restart wired to the new version; their state is imported before their facades are
 * published again. Consumers do restart (their facades are new registrations): that is the price of
 * an API change, and why it needs {@code allowRefresh}.
 */
final class RefreshPlan {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshPlan.class);
    private static final long REFRESH_TIMEOUT_SECONDS = 60;

    /** The old exporters; uninstalled at SWITCH. */
    final List<Bundle> exporters;
    /** Bundles that depend on them, restarted by the refresh. */
    final List<Bundle> consumers = new ArrayList<>();
    /** Facades of managed consumers: gated with the swap, withdrawn and published again. */
    final List<Facade> consumerFacades = new ArrayList<>();
    private final Map<String, Snapshot> state = new LinkedHashMap<>();

    RefreshPlan(List<Bundle> exporters, FrameworkWiring wiring, FacadeRegistry registry) {
        this.exporters = exporters;
        for (Bundle b : wiring.getDependencyClosure(exporters)) {
            if (!exporters.contains(b)) {
                consumers.add(b);
                if (registry.role(b) == FacadeRegistry.Role.ACTIVE) {
                    consumerFacades.addAll(registry.facadesOf(b));
                }
            }
        }
    }

    /**
     * Checks that every consumer's import of a changed package accepts the new export.
     *
     * @param filter the consumer's requirement filter
     * @param newExport attributes of the new version's export of the package, or null if it has none
     */
    static void checkImport(String consumer, String pkg, String filter, Map<String, Object> newExport, String target) throws PhaseFailure {
        try {
            if (newExport == null || !FrameworkUtil.createFilter(filter).matches(newExport)) {
                throw new PhaseFailure(SwapPhase.VALIDATE, consumer + " imports " + pkg + " as " + filter + ", which " + target
                        + " does not export: even a refresh cannot rewire it");
            }
        } catch (InvalidSyntaxException e) {
            throw new PhaseFailure(SwapPhase.VALIDATE, consumer + " has an unreadable import of " + pkg + ": " + filter, e);
        }
    }

    /** TRANSFER: the state of the managed consumers' services, captured while their gates are closed. */
    void exportState(StateTransfer transfer, long maxBytes) throws PhaseFailure {
        for (Facade f : consumerFacades) {
            ServiceReference<?> ref = f.implementation();
            Object type = ref.getProperty(Stateful.STATE_TYPE);
            if (type == null || !(f.gate.target() instanceof Stateful)) {
                continue;
            }
            try {
                int version = Integer.parseInt(String.valueOf(ref.getProperty(Stateful.STATE_VERSION)).trim());
                state.put(f.identity, transfer.capture((String) type, version, ((Stateful) f.gate.target()).exportState(), maxBytes));
            } catch (StateTransferException | RuntimeException e) {
                throw new PhaseFailure(SwapPhase.TRANSFER, "state of consumer " + f.identity + " cannot be exported for the refresh: " + e, e);
            }
        }
    }

    /** After SWITCH: withdraw the consumers' facades, uninstall the old exporters, refresh, wait. */
    void perform(SwapEnvironment env) {
        for (Facade f : consumerFacades) {
            env.registry.removeFacade(f);
        }
        env.registry.restoreAtStart(state); // imported when the restarted consumers register again
        List<Bundle> refresh = new ArrayList<>(consumers);
        for (Bundle old : exporters) {
            try {
                old.uninstall();
                refresh.add(old);
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Refresh: {} {} could not be uninstalled: {}", old.getSymbolicName(), old.getVersion(), e.toString());
            }
        }
        FrameworkWiring fw = env.context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        long t0 = System.nanoTime();
        fw.refreshBundles(refresh, e -> done.countDown());
        try {
            if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.error("Refresh of {} bundles did not finish within {} s", refresh.size(), REFRESH_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Refreshed {} bundles in {} ms: consumers restarted on the new API", refresh.size(), (System.nanoTime() - t0) / 1_000_000);
    }
}
