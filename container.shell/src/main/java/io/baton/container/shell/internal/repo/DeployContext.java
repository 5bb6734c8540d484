package io.baton.container.shell.internal.repo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.namespace.IdentityNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.resource.Wiring;
import org.osgi.service.repository.Repository;
import org.osgi.service.resolver.HostedCapability;
import org.osgi.service.resolver.ResolveContext;

/**
 * What a deploy is resolved against: the running framework as it is wired (its resolved bundles are
 * never re-wired), the deploy's targets, and the repositories.
 *
 * <p>Providers are offered in the order the framework would prefer them: installed bundles, then the
 * other targets, then the repositories newest version first; the resolver backtracks through them
 * until the whole set wires. Repositories only supply what must be there: an optional requirement
 * wires to what is installed or deployed together, never pulls a bundle in, and a requirement of
 * cardinality multiple takes at most the newest repository provider, and none if something installed
 * already provides it. A repository bundle that is already installed, or is a target, is not offered
 * twice. Not thread-safe: one per resolution.
 */
final class DeployContext extends ResolveContext {
    private final List<Resource> targets;
    private final Repository repository;
    private final Map<Resource, Wiring> wirings = new LinkedHashMap<>();
    private final Set<String> present = new HashSet<>();

    /**
     * @param targets the resources the deploy names, all mandatory
     * @param repository where missing providers come from
     */
    DeployContext(BundleContext framework, List<Resource> targets, Repository repository) {
        this.targets = List.copyOf(targets);
        this.repository = repository;
        for (Bundle b : framework.getBundles()) {
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (wiring != null && b.getState() != Bundle.UNINSTALLED) {
                wirings.put(wiring.getRevision(), wiring);
                present.add(identity(wiring.getRevision()));
            }
        }
        for (Resource t : targets) {
            present.add(identity(t));
        }
    }

    @Override
    public Collection<Resource> getMandatoryResources() {
        return targets;
    }

    @Override
    public Map<Resource, Wiring> getWirings() {
        return Collections.unmodifiableMap(wirings);
    }

    @Override
    public boolean isEffective(Requirement requirement) {
        String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
        return effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective);
    }

    @Override
    public List<Capability> findProviders(Requirement requirement) {
        List<Capability> providers = new ArrayList<>();
        for (Wiring wiring : wirings.values()) {
            for (BundleCapability c : ((BundleWiring) wiring).getCapabilities(requirement.getNamespace())) {
                if (Matching.matches(requirement, c)) {
                    providers.add(c);
                }
            }
        }
        for (Resource t : targets) {
            for (Capability c : t.getCapabilities(requirement.getNamespace())) {
                if (Matching.matches(requirement, c)) {
                    providers.add(c);
                }
            }
        }
        boolean optional = Namespace.RESOLUTION_OPTIONAL.equals(requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
        boolean multiple = Namespace.CARDINALITY_MULTIPLE.equals(requirement.getDirectives().get(Namespace.REQUIREMENT_CARDINALITY_DIRECTIVE));
        if (optional || multiple && !providers.isEmpty()) {
            return providers;
        }
        for (Capability c : repository.findProviders(List.of(requirement)).getOrDefault(requirement, List.of())) {
            if (!present.contains(identity(c.getResource()))) {
                providers.add(c);
                if (multiple) {
                    break;
                }
            }
        }
        return providers;
    }

    @Override
    public int insertHostedCapability(List<Capability> capabilities, HostedCapability hostedCapability) {
        capabilities.add(hostedCapability);
        return capabilities.size() - 1;
    }

    /** @return {@code symbolic-name@version} of a resource, from its identity capability */
    static String identity(Resource resource) {
        if (resource instanceof BundleRevision) {
            BundleRevision r = (BundleRevision) resource;
            return r.getSymbolicName() + "@" + r.getVersion();
        }
        for (Capability c : resource.getCapabilities(IdentityNamespace.IDENTITY_NAMESPACE)) {
            return c.getAttributes().get(IdentityNamespace.IDENTITY_NAMESPACE) + "@"
                    + c.getAttributes().get(IdentityNamespace.CAPABILITY_VERSION_ATTRIBUTE);
        }
        return String.valueOf(resource);
    }

    /** @return the resources a resolution result adds to the framework, each after the new ones it wires to */
    List<Resource> newResourcesInWiringOrder(Map<Resource, List<org.osgi.resource.Wire>> result) {
        Map<Resource, List<Resource>> dependencies = new HashMap<>();
        for (Map.Entry<Resource, List<org.osgi.resource.Wire>> e : result.entrySet()) {
            if (!wirings.containsKey(e.getKey())) {
                List<Resource> providers = new ArrayList<>();
                for (org.osgi.resource.Wire w : e.getValue()) {
                    providers.add(w.getProvider());
                }
                dependencies.put(e.getKey(), providers);
            }
        }
        List<Resource> ordered = new ArrayList<>();
        Set<Resource> visiting = new HashSet<>();
        for (Resource r : dependencies.keySet()) {
            visit(r, dependencies, visiting, ordered);
        }
        return ordered;
    }

    private static void visit(Resource r, Map<Resource, List<Resource>> dependencies, Set<Resource> visiting, List<Resource> ordered) {
        if (!dependencies.containsKey(r) || ordered.contains(r) || !visiting.add(r)) {
            return; // installed, done, or a cycle (the framework resolves cycles as a whole)
        }
        for (Resource provider : dependencies.get(r)) {
            visit(provider, dependencies, visiting, ordered);
        }
        ordered.add(r);
    }
}
