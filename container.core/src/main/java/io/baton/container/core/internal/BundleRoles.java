package io.baton.container.core.internal;

import io.baton.container.core.spi.ManagedLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed bundles and their roles. A managed bundle is one Baton installed ({@link ManagedLocation});
 * its role says whether its services are published through facades.
 *
 * <table>
 * <caption>Roles</caption>
 * <tr><th>role</th><th>event</th><th>next role</th></tr>
 * <tr><td>(none)</td><td>deploy</td><td>ACTIVE</td></tr>
 * <tr><td>(none)</td><td>a swap stages it</td><td>STAGED</td></tr>
 * <tr><td>STAGED</td><td>SWITCH</td><td>ACTIVE</td></tr>
 * <tr><td>STAGED</td><td>the swap is undone</td><td>(none), or RETIRED if it was a retired version brought back</td></tr>
 * <tr><td>ACTIVE</td><td>SWITCH to another version</td><td>RETIRED</td></tr>
 * <tr><td>RETIRED</td><td>a rollback stages it again</td><td>STAGED</td></tr>
 * <tr><td>any</td><td>uninstalled</td><td>(none)</td></tr>
 * </table>
 *
 * <p>Thread-safe: a concurrent map read without locking by the service hooks.
 */
final class BundleRoles implements SynchronousBundleListener {
    private static final Logger LOG = LoggerFactory.getLogger(BundleRoles.class);

    /** Role of a managed bundle. */
    enum Role { STAGED, ACTIVE, RETIRED }

    private final BundleContext context;
    private final ConcurrentHashMap<Long, Role> roles = new ConcurrentHashMap<>();

    BundleRoles(BundleContext context) {
        this.context = context;
    }

    /** Adopts the bundles Baton installed in an earlier run, and listens for bundles coming and going. */
    void open() {
        for (Bundle b : context.getBundles()) {
            if (ManagedLocation.isManaged(b)) {
                // At restart managed bundles have not started yet (higher start level): the persistent
                // autostart flag tells the serving version from the retired ones kept for a rollback.
                boolean serving = (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0 || persistentlyStarted(b);
                roles.put(b.getBundleId(), serving ? Role.ACTIVE : Role.RETIRED);
            }
        }
        context.addBundleListener(this);
    }

    void close() {
        context.removeBundleListener(this);
    }

    void set(Bundle bundle, Role role) {
        roles.put(bundle.getBundleId(), role);
        LOG.debug("{} {} (id {}) is {}", bundle.getSymbolicName(), bundle.getVersion(), bundle.getBundleId(), role);
    }

    void forget(Bundle bundle) {
        roles.remove(bundle.getBundleId());
    }

    /** @return the bundle's role, or null if Baton does not manage it */
    Role of(Bundle bundle) {
        return roles.get(bundle.getBundleId());
    }

    boolean isManaged(long bundleId) {
        return roles.containsKey(bundleId);
    }

    boolean isActive(long bundleId) {
        return roles.get(bundleId) == Role.ACTIVE;
    }

    /** @return the ACTIVE managed bundles, by bundle id */
    List<Bundle> active() {
        List<Bundle> active = new ArrayList<>();
        for (Map.Entry<Long, Role> e : roles.entrySet()) {
            Bundle b = context.getBundle(e.getKey());
            if (b != null && e.getValue() == Role.ACTIVE) {
                active.add(b);
            }
        }
        active.sort((a, b) -> Long.compare(a.getBundleId(), b.getBundleId()));
        return active;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle b = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.UNINSTALLED:
                roles.remove(b.getBundleId());
                break;
            case BundleEvent.INSTALLED:
                if (ManagedLocation.isManaged(b)) {
                    roles.putIfAbsent(b.getBundleId(), Role.RETIRED); // reinstalled from a pinned jar by recovery
                }
                break;
            case BundleEvent.STARTING:
                if (roles.get(b.getBundleId()) == Role.RETIRED && persistentlyStarted(b)) {
                    roles.put(b.getBundleId(), Role.ACTIVE); // brought back by crash recovery before the start level reached it
                }
                break;
            default:
                break;
        }
    }

    private static boolean persistentlyStarted(Bundle b) {
        return b.adapt(BundleStartLevel.class).isPersistentlyStarted();
    }
}
