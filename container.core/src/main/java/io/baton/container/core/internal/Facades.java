package io.baton.container.core.internal;

import io.baton.container.core.Container;
import io.baton.container.core.spi.CallStats;
import io.baton.container.statexfer.Migrator;
import io.baton.container.statexfer.Snapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facades of the ACTIVE managed bundles' services: one {@link Facade} per service identity,
 * published when the service registers, re-pointed by a swap's SWITCH, withdrawn when the service
 * goes away outside a swap. Services of STAGED bundles stay hidden until a swap switches to them.
 * Thread-safe: facade bookkeeping is synchronized on this object.
 */
final class Facades implements ServiceListener {
    /** Failed and slow calls of every facade, for whoever watches them (probation). */
    final CallSignal signal = new CallSignal();

    private static final Logger LOG = LoggerFactory.getLogger(Facades.class);

    private final BundleContext context;
    private final BundleRoles roles;
    private final ServiceHiding hiding;
    private final Map<String, Facade> byIdentity = new LinkedHashMap<>();
    private final Map<ServiceReference<?>, Facade> byImplementation = new HashMap<>();
    private final PendingRestore pendingRestore = new PendingRestore();
    private final ServiceScopes scopes;

    Facades(BundleContext context, BundleRoles roles, ServiceHiding hiding, ServiceScopes scopes) {
        this.context = context;
        this.roles = roles;
        this.hiding = hiding;
        this.scopes = scopes;
    }

    /** Listens for services and publishes facades for the services already there. */
    void open() {
        context.addServiceListener(this);
        for (Bundle b : roles.active()) {
            ServiceReference<?>[] refs = b.getRegisteredServices();
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                if (hiding.hidden(ref)) {
                    publish(ref);
                }
            }
        }
    }

    synchronized void close() {
        context.removeServiceListener(this);
        byIdentity.values().forEach(Facade::unregister);
        byIdentity.clear();
        byImplementation.clear();
    }

    /** @return the facades currently backed by services of {@code bundle} */
    synchronized List<Facade> of(Bundle bundle) {
        List<Facade> of = new ArrayList<>();
        for (Facade f : byIdentity.values()) {
            if (f.owner() != null && f.owner().getBundleId() == bundle.getBundleId()) {
                of.add(f);
            }
        }
        return of;
    }

    /** State to import into services of these identities before their facades are next published. */
    synchronized void restoreBeforePublishing(Map<String, Snapshot> snapshots) {
        for (Map.Entry<String, Snapshot> e : snapshots.entrySet()) {
            if (byIdentity.containsKey(e.getKey())) {
                LOG.warn("State of {} not restored: its facade is already published", e.getKey());
            } else {
                pendingRestore.put(e.getKey(), e.getValue());
            }
        }
    }

    /** @return the scope a facade of this service would have */
    Facade.Scope scopeOf(ServiceReference<?> ref) {
        return scopes.of(ref);
    }

    /** @return call counts of every facade's current implementation */
    synchronized List<CallStats> callStats() {
        List<CallStats> stats = new ArrayList<>();
        for (Facade f : byIdentity.values()) {
            stats.addAll(f.stats());
        }
        return stats;
    }

    /**
     * Re-points a facade at a new implementation (SWITCH, gates closed). Its registration's properties
     * are updated by {@link #refreshProperties} once the gates are open: service events are slow.
     *
     * @return the consumers' previous objects (bundle or prototype scope), to give back once the gates are open
     */
    synchronized Map<FacadeView, FacadeView.Binding> switchTo(Facade facade, ServiceReference<?> newImpl, Object newTarget,
            Map<FacadeView, FacadeView.Binding> prepared) {
        ServiceReference<?> old = facade.implementation();
        byImplementation.remove(old);
        Map<FacadeView, FacadeView.Binding> previous = facade.switchTo(newImpl, newTarget, prepared);
        byImplementation.put(newImpl, facade);
        // Baton's own object of the old implementation is kept, not given back: a release here would
        // deactivate a delayed component (application code) inside the pause, and a warm standby keeps
        // the object for a rollback; stopping or uninstalling the old bundle releases it
        return previous;
    }

    synchronized void refreshProperties(Facade facade) {
        facade.updateProperties();
    }

    /** Removes a facade whose service the new version no longer has (SWITCH). */
    synchronized void remove(Facade facade) {
        byIdentity.remove(facade.identity);
        byImplementation.remove(facade.implementation());
        facade.unregister();
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        ServiceReference<?> ref = event.getServiceReference();
        switch (event.getType()) {
            case ServiceEvent.REGISTERED:
                if (roles.isActive(ref.getBundle().getBundleId()) && hiding.hidden(ref)) {
                    publish(ref);
                }
                break;
            case ServiceEvent.MODIFIED:
                modified(ref);
                break;
            case ServiceEvent.UNREGISTERING:
                unregistering(ref);
                hiding.forget(ref);
                break;
            default:
                break;
        }
    }

    private synchronized void modified(ServiceReference<?> ref) {
        Facade f = byImplementation.get(ref);
        if (f != null) {
            f.updateProperties();
        }
    }

    private synchronized void unregistering(ServiceReference<?> ref) {
        Facade f = byImplementation.remove(ref);
        if (f != null) {
            // The current implementation went away outside a swap: consumers lose the service, as they would without Baton.
            byIdentity.remove(f.identity);
            f.unregister(); // a bundle- or prototype-scoped facade gives each consumer's object back as its views end
            if (f.scope == Facade.Scope.SINGLETON) {
                context.ungetService(ref);
            }
            LOG.info("Facade {} withdrawn: its implementation was unregistered", f.identity);
        }
    }

    /** Creates and registers the facade of a service of an ACTIVE managed bundle. */
    synchronized Facade publish(ServiceReference<?> ref) {
        if (Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS)).contains(Migrator.class.getName())) {
            return null; // migrators serve Baton, which sees them directly
        }
        String identity = ServiceIdentity.of(ref);
        if (byIdentity.containsKey(identity)) {
            LOG.error("Not publishing {} of bundle {}: a facade with the identity {} exists; set {} to tell them apart",
                    ref.getProperty(Constants.SERVICE_ID), ref.getBundle().getSymbolicName(), identity, Container.IDENTITY_PROPERTY);
            return null;
        }
        Class<?>[] interfaces;
        try {
            interfaces = Facade.interfaces(ref);
        } catch (IllegalArgumentException e) {
            LOG.error("Not publishing a facade for {}: {}", identity, e.getMessage());
            return null;
        }
        Facade.Scope scope = scopes.of(ref);
        Object target = null;
        if (scope == Facade.Scope.SINGLETON) {
            target = context.getService(ref);
            if (target == null) {
                LOG.error("Not publishing a facade for {}: the service object could not be obtained (component failed to activate?)", identity);
                return null;
            }
            pendingRestore.importInto(identity, ref, target);
        }
        Facade facade = new Facade(identity, interfaces, ref, target, scope, signal);
        facade.register(context);
        byIdentity.put(identity, facade);
        byImplementation.put(ref, facade);
        LOG.info("Facade {} published for {} {} (service {}, {} scope)", identity, ref.getBundle().getSymbolicName(),
                ref.getBundle().getVersion(), ref.getProperty(Constants.SERVICE_ID), scope);
        return facade;
    }
}
