package io.baton.container.core.internal;

import io.baton.container.core.spi.BundleRemoval;
import io.baton.container.statexfer.SchemaVersion;
import io.baton.container.statexfer.Snapshot;
import io.baton.container.statexfer.StateTransfer;
import io.baton.container.statexfer.StateTransferException;
import io.baton.container.statexfer.Stateful;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
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

    /** The old exporters; uninstalled at SWITCH. */
    final List<Bundle> exporters;
    /** Bundles that depend on them, restarted by the refresh. */
    final List<Bundle> consumers = new ArrayList<>();
    /** Facades of managed consumers: gated with the swap, withdrawn and published again. */
    final List<Facade> consumerFacades = new ArrayList<>();
    private final Map<String, Snapshot> state = new LinkedHashMap<>();

    RefreshPlan(List<Bundle> exporters, FrameworkWiring wiring, BundleRoles roles, Facades facades) {
        this.exporters = exporters;
        for (Bundle b : wiring.getDependencyClosure(exporters)) {
            if (!exporters.contains(b)) {
                consumers.add(b);
                if (roles.of(b) == BundleRoles.Role.ACTIVE) {
                    consumerFacades.addAll(facades.of(b));
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
                throw new PhaseFailure(consumer + " imports " + pkg + " as " + filter + ", which " + target
                        + " does not export: even a refresh cannot rewire it");
            }
        } catch (InvalidSyntaxException e) {
            throw new PhaseFailure(consumer + " has an unreadable import of " + pkg + ": " + filter, e);
        }
    }

    /** TRANSFER: the state of the managed consumers' services, captured while their gates are closed. */
    void exportState(StateTransfer transfer, long maxBytes) throws PhaseFailure {
        for (Facade f : consumerFacades) {
            ServiceReference<?> ref = f.implementation();
            Object type = ref.getProperty(Stateful.STATE_TYPE);
            if (type == null || !(f.target() instanceof Stateful)) {
                continue;
            }
            try {
                int version = SchemaVersion.parse(ref.getProperty(Stateful.STATE_VERSION), Stateful.STATE_VERSION, "consumer " + f.identity);
                state.put(f.identity, transfer.capture((String) type, version, ((Stateful) f.target()).exportState(), maxBytes));
            } catch (StateTransferException | RuntimeException e) {
                throw new PhaseFailure("state of consumer " + f.identity + " cannot be exported for the refresh: " + e, e);
            }
        }
    }

    /** After SWITCH: withdraw the consumers' facades, uninstall the old exporters, refresh, wait. */
    void perform(SwapEnvironment env) {
        consumerFacades.forEach(env.facades::remove);
        env.facades.restoreBeforePublishing(state); // imported when the restarted consumers register again
        List<Bundle> refresh = new ArrayList<>(consumers);
        refresh.addAll(BundleRemoval.uninstallAndRefresh(env.context, exporters, true));
        BundleRemoval.refresh(env.context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class), refresh);
        LOG.info("Refresh done: {} consumers restarted on the new API", consumers.size());
    }
}
