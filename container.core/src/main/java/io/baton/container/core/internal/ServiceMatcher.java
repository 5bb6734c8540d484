package io.baton.container.core.internal;

import io.baton.container.core.Container;
import io.baton.container.core.ServiceChange;
import io.baton.container.statexfer.MigratorEdge;
import io.baton.container.statexfer.SchemaVersion;
import io.baton.container.statexfer.Snapshot;
import io.baton.container.statexfer.StateTransferException;
import io.baton.container.statexfer.Stateful;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the services a new version offers with the facades of the version it replaces, by
 * identity, and decides how each stateful service's state crosses: KEPT, ADDED and REMOVED services
 * and a {@link StateMove} per stateful KEPT service, written into the report. VALIDATE matches the
 * DS descriptors of the jar; STAGE matches again what the running bundle registered.
 */
final class ServiceMatcher {
    private final SwapContext swap;

    ServiceMatcher(SwapContext swap) {
        this.swap = swap;
    }

    /**
     * @param offers what the new version offers
     * @param live whether {@code offers} is what the running new version registered (STAGE); if not
     *     (VALIDATE, from descriptors), a service the old version registered by code is UNKNOWN until STAGE
     * @param declared migrators known only from the targets' descriptors (VALIDATE); empty in STAGE
     * @return the state moves of the stateful services kept, by identity
     * @throws PhaseFailure if a stateful service would lose its state: no match, another state type,
     *     an unreadable schema version, or no migrator chain (and nothing to restore)
     */
    Map<String, StateMove> match(Target t, Collection<Offer> offers, boolean live, List<MigratorEdge> declared) throws PhaseFailure {
        Map<String, Offer> byIdentity = new LinkedHashMap<>();
        offers.forEach(o -> byIdentity.put(o.identity, o));
        swap.forgetServicesOf(t.jar.symbolicName);
        Map<String, StateMove> moves = new LinkedHashMap<>();
        for (Facade f : t.oldFacades) {
            Offer offer = byIdentity.get(f.identity);
            String type = f.stateType();
            if (offer == null) {
                if (!live && !f.declared()) {
                    swap.change(f.identity, ServiceChange.Kind.UNKNOWN, "registered by code (an activator or an activate method), not declared:"
                            + " the new version shows in STAGE whether it registers it" + (type == null ? "" : " (it holds state " + type + ")"));
                    continue;
                }
                if (type != null) {
                    throw new PhaseFailure(stateLost(t, f, type));
                }
                swap.change(f.identity, ServiceChange.Kind.REMOVED, null);
                continue;
            }
            swap.change(f.identity, ServiceChange.Kind.KEPT, null);
            if (type != null) {
                moves.put(f.identity, move(f, type, offer, declared));
            } else {
                swap.report.stateNotCarried.add(f.identity);
            }
        }
        for (Offer o : offers) {
            if (t.oldFacades.stream().anyMatch(f -> f.identity.equals(o.identity)) || t.unfacadable.contains(o.identity)) {
                continue; // kept, or not held stable (listed apart)
            }
            String inactive = o.component == null ? null : t.inactiveInOld.get(o.component);
            if (inactive != null && !live) {
                swap.change(o.identity, ServiceChange.Kind.INACTIVE, "component " + o.component + " " + inactive + " in " + t.old.getSymbolicName()
                        + " " + t.old.getVersion() + ": not required of " + t.jar.version);
            } else {
                swap.change(o.identity, ServiceChange.Kind.ADDED, null);
            }
        }
        return moves;
    }

    private StateMove move(Facade f, String type, Offer offer, List<MigratorEdge> declared) throws PhaseFailure {
        if (f.scope != Facade.Scope.SINGLETON) {
            throw new PhaseFailure("service " + f.identity + " declares state " + type + " but is " + f.scope + "-scoped: one object per"
                    + " consumer, no one state to carry; Baton carries the state of singleton services only");
        }
        if (!type.equals(offer.stateType)) {
            throw new PhaseFailure(offer.where + " (" + f.identity + ") does not declare state type " + type + " ("
                    + Stateful.STATE_TYPE + "=" + offer.stateType + "); its state would be lost");
        }
        int from = version(f.implementation().getProperty(Stateful.STATE_VERSION), "running service " + f.identity);
        int to = version(offer.stateVersion, offer.where);
        List<MigratorEdge> chain;
        try {
            chain = swap.env.stateTransfer.chain(type, from, to, declared);
        } catch (StateTransferException noChain) {
            // no chain: a rollback may bring the state from its checkpoint instead, read only now
            Snapshot stored = restorable(f.identity, to);
            if (stored == null) {
                throw new PhaseFailure(noChain.getMessage(), noChain);
            }
            StateMove move = new StateMove(f.identity, type, from, to, stored);
            swap.migration(move, List.of());
            return move;
        }
        StateMove move = new StateMove(f.identity, type, from, to, null);
        swap.migration(move, chain);
        return move;
    }

    /** A snapshot the swap carries for this service at the target's schema version, or null. */
    private Snapshot restorable(String identity, int version) throws PhaseFailure {
        Snapshot snapshot;
        try {
            snapshot = swap.restore.get(identity);
        } catch (RuntimeException e) {
            throw new PhaseFailure("the state to restore for " + identity + " cannot be read: " + e.getMessage(), e);
        }
        return snapshot != null && snapshot.version == version ? snapshot : null;
    }

    private static int version(Object value, String where) throws PhaseFailure {
        try {
            return SchemaVersion.parse(value, Stateful.STATE_VERSION, where);
        } catch (IllegalArgumentException e) {
            throw new PhaseFailure(e.getMessage(), e);
        }
    }

    static String stateLost(Target t, Facade f, String type) {
        return t.jar + " has no service matching " + f.identity + ", which holds state " + type
                + "; its state would be lost. If the implementation class was renamed, give both versions the same "
                + Container.IDENTITY_PROPERTY + " property";
    }
}
