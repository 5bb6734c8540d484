package io.baton.container.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Managed bundles and their facades. Hides every service of a managed bundle from every bundle but
 * its own and Baton's (service hooks), and publishes a {@link Facade} for each service of an ACTIVE
 * managed bundle. Services of STAGED bundles stay hidden until a swap switches to them.
 *
 * <p>Roles of a managed bundle: STAGED -switch-> ACTIVE -swapped out-> RETIRED. Thread-safe: the
 * hooks read a concurrent map without locking; facade bookkeeping is synchronized.
 */
public final class FacadeRegistry implements ServiceListener, FindHook, EventListenerHook, org.osgi.framework.SynchronousBundleListener {
    private static final Logger LOG = LoggerFactory.getLogger(FacadeRegistry.class);

    /** Role of a managed bundle. */
    public enum Role { STAGED, ACTIVE, RETIRED }

    /** Location prefix of bundles installed by Baton. */
    public static final String LOCATION_PREFIX = "baton:managed:";

    /** Symbolic name prefix of Baton's own bundles. */
    private static final String BATON_BUNDLES = "io.baton.container.";
    /** Services for Baton alone: never given a facade. */
    private static final String MIGRATOR = "io.baton.container.statexfer.Migrator";

    private final BundleContext context;
    private final long self;
    private final ConcurrentHashMap<Long, Role> managed = new ConcurrentHashMap<>();
    private final Map<String, Facade> facades = new LinkedHashMap<>();
    private final Map<ServiceReference<?>, Facade> byImplementation = new HashMap<>();
    /** Per service id: can it have a facade (all its types are interfaces)? */
    private final ConcurrentHashMap<Long, Boolean> facadable = new ConcurrentHashMap<>();
    /** Crash recovery: state to import before a service of this identity is first published. */
    private final Map<String, io.baton.container.statexfer.Snapshot> pendingRestore = new HashMap<>();

    public FacadeRegistry(BundleContext context) {
        this.context = context;
        this.self = context.getBundle().getBundleId();
    }

    /** Adopts bundles Baton installed in an earlier run, and facades for services already there. */
    void open() {
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(LOCATION_PREFIX)) {
                // At restart managed bundles have not started yet (higher start level): the persistent
                // autostart flag tells the serving version from the retired ones kept for a rollback.
                boolean serving = (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0
                        || b.adapt(org.osgi.framework.startlevel.BundleStartLevel.class).isPersistentlyStarted();
                managed.put(b.getBundleId(), serving ? Role.ACTIVE : Role.RETIRED);
            }
        }
        context.addServiceListener(this);
        context.addBundleListener(this);
        for (Bundle b : context.getBundles()) {
            if (managed.get(b.getBundleId()) == Role.ACTIVE && b.getRegisteredServices() != null) {
                for (ServiceReference<?> ref : b.getRegisteredServices()) {
                    if (hidden(ref)) {
                        publish(ref);
                    }
                }
            }
        }
    }

    synchronized void close() {
        context.removeServiceListener(this);
        context.removeBundleListener(this);
        for (Facade f : facades.values()) {
            f.unregister();
        }
        facades.clear();
        byImplementation.clear();
    }

    public void setRole(Bundle bundle, Role role) {
        managed.put(bundle.getBundleId(), role);
        LOG.debug("{} {} (id {}) is {}", bundle.getSymbolicName(), bundle.getVersion(), bundle.getBundleId(), role);
    }

    public void forget(Bundle bundle) {
        managed.remove(bundle.getBundleId());
    }

    public Role role(Bundle bundle) {
        return managed.get(bundle.getBundleId());
    }

    /** @return the ACTIVE managed bundles */
    public List<Bundle> activeBundles() {
        List<Bundle> active = new ArrayList<>();
        for (Map.Entry<Long, Role> e : managed.entrySet()) {
            Bundle b = context.getBundle(e.getKey());
            if (b != null && e.getValue() == Role.ACTIVE) {
                active.add(b);
            }
        }
        active.sort((a, b) -> Long.compare(a.getBundleId(), b.getBundleId()));
        return active;
    }

    /** @return the facades currently backed by services of {@code bundle} */
    synchronized List<Facade> facadesOf(Bundle bundle) {
        List<Facade> of = new ArrayList<>();
        for (Facade f : facades.values()) {
            if (f.owner() != null && f.owner().getBundleId() == bundle.getBundleId()) {
                of.add(f);
            }
        }
        return of;
    }

    synchronized void restoreAtStart(Map<String, io.baton.container.statexfer.Snapshot> snapshots) {
        for (Map.Entry<String, io.baton.container.statexfer.Snapshot> e : snapshots.entrySet()) {
            if (facades.containsKey(e.getKey())) {
                LOG.warn("State of {} not restored: its facade is already published", e.getKey());
            } else {
                pendingRestore.put(e.getKey(), e.getValue());
            }
        }
    }

    /** Imports pending recovery state into a service about to be published; true if it may be published. */
    private boolean restorePending(String identity, ServiceReference<?> ref, Object target) {
        io.baton.container.statexfer.Snapshot snapshot = pendingRestore.remove(identity);
        if (snapshot == null) {
            return true;
        }
        Object version = ref.getProperty(io.baton.container.statexfer.Stateful.STATE_VERSION);
        if (!(target instanceof io.baton.container.statexfer.Stateful) || !snapshot.type.equals(ref.getProperty(io.baton.container.statexfer.Stateful.STATE_TYPE))
                || !String.valueOf(snapshot.version).equals(String.valueOf(version).trim())) {
            LOG.error("Pending state {} v{} does not fit {} ({}={}): not imported", snapshot.type, snapshot.version, identity,
                    io.baton.container.statexfer.Stateful.STATE_VERSION, version);
            return true;
        }
        try {
            ((io.baton.container.statexfer.Stateful) target).importState(snapshot.data);
            LOG.info("Pending state {} v{} (recovery or refresh) imported into {} before it was published", snapshot.type, snapshot.version, identity);
        } catch (RuntimeException e) {
            LOG.error("{} refused its pending state (recovery or refresh): {}", identity, e.toString());
        }
        return true;
    }

    /** @return call counts of every facade's current implementation */
    public synchronized List<io.baton.container.core.CallStats> callStats() {
        List<io.baton.container.core.CallStats> stats = new ArrayList<>();
        for (Facade f : facades.values()) {
            CallCounter c = f.counter();
            io.baton.container.core.CallStats s = new io.baton.container.core.CallStats();
            s.identity = f.identity;
            s.bundleId = c.bundleId;
            s.symbolicName = c.symbolicName;
            s.version = c.version;
            s.calls = c.calls();
            s.failures = c.failures.sum();
            s.p99Nanos = c.latency.p99Nanos(20);
            s.since = c.since;
            stats.add(s);
        }
        return stats;
    }

    synchronized Facade facade(String identity) {
        return facades.get(identity);
    }

    /**
     * Re-points a facade at a new implementation (SWITCH, gates closed). Its registration's properties
     * are updated by {@link #refreshProperties} once the gates are open: service events are slow.
     */
    synchronized void switchFacade(Facade facade, ServiceReference<?> newImpl, Object newTarget) {
        byImplementation.remove(facade.implementation());
        facade.switchTo(newImpl, newTarget);
        byImplementation.put(newImpl, facade);
    }

    synchronized void refreshProperties(Facade facade) {
        facade.updateProperties();
    }

    /** Removes a facade whose service the new version no longer has (SWITCH). */
    synchronized void removeFacade(Facade facade) {
        facades.remove(facade.identity);
        byImplementation.remove(facade.implementation());
        facade.unregister();
    }

    /**
     * Hidden: a service of a managed bundle that gets a facade. A service registered under a class (a
     * Gogo command object, say) cannot have a proxy facade: it stays visible as it is, and is not
     * stable across swaps.
     */
    private boolean hidden(ServiceReference<?> ref) {
        Bundle b = ref.getBundle();
        return b != null && managed.containsKey(b.getBundleId())
                && facadable.computeIfAbsent((Long) ref.getProperty(Constants.SERVICE_ID), id -> isFacadable(ref));
    }

    private static boolean isFacadable(ServiceReference<?> ref) {
        try {
            interfaces(ref);
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("Service {} of {} is not hidden behind a facade: {}", ref.getProperty(Constants.SERVICE_ID),
                    ref.getBundle().getSymbolicName(), e.getMessage());
            return false;
        }
    }

    /** Baton's own bundles (state transfer, rollback, shell) see every service; others only their own. */
    private boolean maySee(BundleContext viewer, ServiceReference<?> ref) {
        Bundle bundle = viewer.getBundle();
        Bundle owner = ref.getBundle();
        if (bundle.getBundleId() == self || owner == null || bundle.getBundleId() == owner.getBundleId()) {
            return true;
        }
        String name = bundle.getSymbolicName();
        return name != null && name.startsWith(BATON_BUNDLES);
    }

    @Override
    public void find(BundleContext viewer, String name, String filter, boolean allServices, Collection<ServiceReference<?>> references) {
        references.removeIf(ref -> hidden(ref) && !maySee(viewer, ref));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        ServiceReference<?> ref = event.getServiceReference();
        if (hidden(ref)) {
            listeners.keySet().removeIf(viewer -> !maySee(viewer, ref));
        }
    }

    @Override
    public void bundleChanged(org.osgi.framework.BundleEvent event) {
        Bundle b = event.getBundle();
        if (event.getType() == org.osgi.framework.BundleEvent.UNINSTALLED) {
            managed.remove(b.getBundleId());
        } else if (event.getType() == org.osgi.framework.BundleEvent.INSTALLED && b.getLocation().startsWith(LOCATION_PREFIX)) {
            managed.putIfAbsent(b.getBundleId(), Role.RETIRED); // reinstalled from a pinned jar by recovery
        } else if (event.getType() == org.osgi.framework.BundleEvent.STARTING && managed.get(b.getBundleId()) == Role.RETIRED
                && b.adapt(org.osgi.framework.startlevel.BundleStartLevel.class).isPersistentlyStarted()) {
            managed.put(b.getBundleId(), Role.ACTIVE); // brought back by crash recovery before the start level reached it
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        ServiceReference<?> ref = event.getServiceReference();
        switch (event.getType()) {
            case ServiceEvent.REGISTERED:
                if (managed.get(ref.getBundle().getBundleId()) == Role.ACTIVE && hidden(ref)) {
                    publish(ref);
                }
                break;
            case ServiceEvent.MODIFIED:
                modified(ref);
                break;
            case ServiceEvent.UNREGISTERING:
                unregistering(ref);
                facadable.remove((Long) ref.getProperty(Constants.SERVICE_ID));
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
            facades.remove(f.identity);
            f.unregister();
            context.ungetService(ref);
            LOG.info("Facade {} withdrawn: its implementation was unregistered", f.identity);
        }
    }

    /** Creates and registers the facade of a service of an ACTIVE managed bundle. */
    synchronized Facade publish(ServiceReference<?> ref) {
        if (Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS)).contains(MIGRATOR)) {
            return null; // migrators serve Baton, which sees them directly
        }
        String identity = ServiceIdentity.of(ref);
        if (facades.containsKey(identity)) {
            LOG.error("Not publishing {} of bundle {}: a facade with the identity {} exists; set {} to tell them apart",
                    ref.getProperty(Constants.SERVICE_ID), ref.getBundle().getSymbolicName(), identity, "baton.service.identity");
            return null;
        }
        Class<?>[] interfaces;
        try {
            interfaces = interfaces(ref);
        } catch (IllegalArgumentException e) {
            LOG.error("Not publishing a facade for {}: {}", identity, e.getMessage());
            return null;
        }
        Object target = context.getService(ref);
        if (target == null) {
            LOG.error("Not publishing a facade for {}: the service object could not be obtained (component failed to activate?)", identity);
            return null;
        }
        restorePending(identity, ref, target);
        Facade facade = new Facade(identity, interfaces, ref, target);
        facade.register(context);
        facades.put(identity, facade);
        byImplementation.put(ref, facade);
        LOG.info("Facade {} published for {} {} (service {})", identity, ref.getBundle().getSymbolicName(),
                ref.getBundle().getVersion(), ref.getProperty(Constants.SERVICE_ID));
        return facade;
    }

    /** The service's interfaces as its bundle sees them. */
    static Class<?>[] interfaces(ServiceReference<?> ref) {
        String[] names = (String[]) ref.getProperty(Constants.OBJECTCLASS);
        Class<?>[] types = new Class<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            try {
                types[i] = ref.getBundle().loadClass(names[i]);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("interface " + names[i] + " cannot be loaded from " + ref.getBundle().getSymbolicName(), e);
            }
            if (!types[i].isInterface()) {
                throw new IllegalArgumentException("service registered under class " + names[i]
                        + ", not an interface; Baton facades need interfaces " + Arrays.toString(names));
            }
        }
        return types;
    }
}
