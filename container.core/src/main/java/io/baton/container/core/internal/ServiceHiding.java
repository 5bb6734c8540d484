package io.baton.container.core.internal;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service hooks that hide every service of a managed bundle from every bundle but its own and
 * Baton's, so that others see only its facade. Registered before any managed bundle starts.
 * Thread-safe: reads concurrent maps without locking (hooks run on every lookup and event).
 */
final class ServiceHiding implements FindHook, EventListenerHook {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHiding.class);
    /** Symbolic name prefix of Baton's own bundles, which see every service. */
    private static final String BATON_BUNDLES = "io.baton.container.";

    private final long self;
    private final BundleRoles roles;
    /** Per service id: can it have a facade (all its types are interfaces)? */
    private final ConcurrentHashMap<Long, Boolean> facadable = new ConcurrentHashMap<>();

    ServiceHiding(BundleContext context, BundleRoles roles) {
        this.self = context.getBundle().getBundleId();
        this.roles = roles;
    }

    /**
     * Hidden: a service of a managed bundle that gets a facade. A service registered under a class
     * cannot have a proxy facade: it stays visible as it is, and is not stable across swaps.
     */
    boolean hidden(ServiceReference<?> ref) {
        Bundle b = ref.getBundle();
        return b != null && roles.isManaged(b.getBundleId())
                && facadable.computeIfAbsent((Long) ref.getProperty(Constants.SERVICE_ID), id -> isFacadable(ref));
    }

    /** Forgets a service that is going away. */
    void forget(ServiceReference<?> ref) {
        facadable.remove((Long) ref.getProperty(Constants.SERVICE_ID));
    }

    private static boolean isFacadable(ServiceReference<?> ref) {
        try {
            Facade.interfaces(ref);
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("Service {} of {} is not hidden behind a facade: {}", ref.getProperty(Constants.SERVICE_ID),
                    ref.getBundle().getSymbolicName(), e.getMessage());
            return false;
        }
    }

    /** Baton's own bundles see every service; others only their own. */
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
}
