package io.baton.container.shell.internal.repo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.service.repository.Repository;

/**
 * The bundles of the readable indexes as one OSGi {@link Repository}, for the resolver: providers are
 * ordered newest version first, and a bundle found in two indexes counts once, from the first. The
 * resolver's result maps back to the {@link IndexedBundle} (URL, digest) through {@link #bundle}.
 * Immutable.
 */
final class IndexRepository implements Repository {
    private final List<IndexedBundle> bundles = new ArrayList<>();
    private final Map<Resource, IndexedBundle> byResource = new HashMap<>();

    /** @param indexes in the operator's order; the first index that has a bundle wins */
    IndexRepository(List<IndexReader.Index> indexes) {
        Map<String, IndexedBundle> seen = new HashMap<>();
        for (IndexReader.Index index : indexes) {
            for (IndexedBundle b : index.bundles) {
                if (seen.putIfAbsent(b.symbolicName + "@" + b.version, b) == null) {
                    bundles.add(b);
                    byResource.put(b.resource, b);
                }
            }
        }
        bundles.sort(Comparator.comparing((IndexedBundle b) -> b.version).reversed());
    }

    /** @return every bundle, newest version first */
    List<IndexedBundle> bundles() {
        return bundles;
    }

    /** @return the bundle behind a resource this repository provided, or null */
    IndexedBundle bundle(Resource resource) {
        return byResource.get(resource);
    }

    @Override
    public Map<Requirement, Collection<Capability>> findProviders(Collection<? extends Requirement> requirements) {
        Map<Requirement, Collection<Capability>> providers = new HashMap<>();
        for (Requirement r : requirements) {
            List<Capability> found = new ArrayList<>();
            for (IndexedBundle b : bundles) {
                for (Capability c : b.resource.getCapabilities(r.getNamespace())) {
                    if (Matching.matches(r, c)) {
                        found.add(c);
                    }
                }
            }
            providers.put(r, found);
        }
        return providers;
    }
}
