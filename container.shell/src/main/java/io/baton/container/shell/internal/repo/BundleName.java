package io.baton.container.shell.internal.repo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * A target that names a bundle: {@code bsn} (the newest), {@code bsn@1.2.3} (exactly), or
 * {@code bsn@[1,2)} (the newest in the range). Immutable.
 */
final class BundleName {
    final String target;
    final String symbolicName;
    final String spec;
    private final VersionRange range;

    private BundleName(String target, String symbolicName, String spec, VersionRange range) {
        this.target = target;
        this.symbolicName = symbolicName;
        this.spec = spec;
        this.range = range;
    }

    /** @throws IllegalArgumentException if the version or range after {@code @} does not parse */
    static BundleName parse(String target) {
        int at = target.indexOf('@');
        String name = at < 0 ? target : target.substring(0, at);
        String spec = at < 0 ? null : target.substring(at + 1);
        try {
            VersionRange range = spec == null ? null
                    : spec.startsWith("[") || spec.startsWith("(") ? new VersionRange(spec) : new VersionRange("[" + spec + "," + spec + "]");
            return new BundleName(target, name, spec, range);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(target + ": '" + spec + "' is not a version or a range like [1,2); " + e.getMessage(), e);
        }
    }

    /**
     * @param searched the repositories searched and their problems, for the message
     * @return the newest bundle of that name and version from the repository
     * @throws IllegalArgumentException naming what was searched and, if the name exists, the versions available
     */
    IndexedBundle select(IndexRepository repository, String searched) {
        List<IndexedBundle> named = new ArrayList<>();
        for (IndexedBundle b : repository.bundles()) {
            if (b.symbolicName.equals(symbolicName)) {
                named.add(b);
            }
        }
        if (named.isEmpty()) {
            throw new IllegalArgumentException("No repository has " + symbolicName + searched);
        }
        return named.stream().filter(b -> range == null || range.includes(b.version))
                .max(Comparator.comparing((IndexedBundle b) -> b.version))
                .orElseThrow(() -> new IllegalArgumentException("No version of " + symbolicName + " matches " + spec + "; available: "
                        + named.stream().map(b -> b.version).sorted().map(Version::toString).distinct().toList() + searched));
    }
}
