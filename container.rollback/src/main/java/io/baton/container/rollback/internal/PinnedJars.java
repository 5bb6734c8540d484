package io.baton.container.rollback.internal;

import io.baton.container.core.BundleInfo;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every jar Baton installs, pinned in the store under its SHA-256 so that a rollback never needs the
 * repository it came from, and the digest of each {@code symbolicName@version} pinned in this run.
 * Thread-safe.
 */
final class PinnedJars {
    private final CheckpointStore store;
    private final Map<String, String> digests = new ConcurrentHashMap<>();

    /**
     * Reads back the digests of the jars pinned in earlier runs (from their manifests), so that every
     * checkpoint written after a restart still names its jars, pruning keeps them, and a rollback to a
     * checkpoint written before any number of restarts finds them.
     */
    PinnedJars(CheckpointStore store) {
        this.store = store;
        for (Map.Entry<String, String> e : store.pinnedVersions().entrySet()) {
            digests.putIfAbsent(e.getValue(), e.getKey());
        }
    }

    /** Pins a jar about to be installed. @return its digest */
    String pin(String symbolicName, String version, byte[] content) throws IOException {
        String sha = store.pin(content);
        digests.put(key(symbolicName, version), sha);
        return sha;
    }

    /** @return the digest of a version pinned in this run, or null */
    String digest(String symbolicName, String version) {
        return digests.get(key(symbolicName, version));
    }

    /** @return the digests of these bundles' jars, as far as known: what pruning must keep */
    Set<String> digestsOf(Collection<BundleInfo> bundles) {
        Set<String> running = new HashSet<>();
        for (BundleInfo b : bundles) {
            String sha = digest(b.symbolicName, b.version);
            if (sha != null) {
                running.add(sha);
            }
        }
        return running;
    }

    private static String key(String symbolicName, String version) {
        return symbolicName + "@" + version;
    }
}
