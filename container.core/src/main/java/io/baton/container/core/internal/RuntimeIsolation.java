package io.baton.container.core.internal;

import io.baton.container.core.spi.ManagedLocation;
import java.util.Collection;
import org.osgi.framework.Bundle;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * A resolver hook that keeps the runtime's bundles from ever wiring to a managed bundle: a runtime
 * bundle's requirement (static or dynamic import, require-bundle, capability) never gets a managed
 * bundle's capability as a candidate. Without it, a managed bundle exporting an API the runtime
 * imports (Felix SCR imports the metatype, cm and log APIs dynamically; ConfigAdmin the coordinator
 * API) would pull SCR, ConfigAdmin or Baton itself into the refresh closure of a swap or a commit,
 * and restarting them restarts the container. Managed bundles may wire to the runtime as they like,
 * but a managed fragment never attaches to a runtime host.
 */
final class RuntimeIsolation implements ResolverHookFactory {
    private final RuntimeBundles runtime;

    RuntimeIsolation(RuntimeBundles runtime) {
        this.runtime = runtime;
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                // every bundle may resolve
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> collisionCandidates) {
                // singletons are the framework's business
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
                Bundle requirer = requirement.getRevision().getBundle();
                if (requirer == null) {
                    return;
                }
                if (runtime.isRuntime(requirer)) {
                    candidates.removeIf(c -> c.getRevision().getBundle() != null && ManagedLocation.isManaged(c.getRevision().getBundle()));
                } else if (HostNamespace.HOST_NAMESPACE.equals(requirement.getNamespace()) && ManagedLocation.isManaged(requirer)) {
                    // a managed fragment attached to a runtime host would put the runtime in its refreshes
                    candidates.removeIf(c -> c.getRevision().getBundle() != null && runtime.isRuntime(c.getRevision().getBundle()));
                }
            }

            @Override
            public void end() {
                // nothing held
            }
        };
    }
}
