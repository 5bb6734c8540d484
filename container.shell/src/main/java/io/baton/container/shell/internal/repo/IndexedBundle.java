package io.baton.container.shell.internal.repo;

import java.net.URI;
import org.osgi.framework.Version;

/**
 * One bundle of a repository, checked when its index was read: identity, where its jar is (a URL the
 * index may name), what vouches for its content (the index's SHA-256, or for an OBR repository only
 * its size), and the resource the resolver sees. Immutable.
 */
final class IndexedBundle {
    final String symbolicName;
    final Version version;
    final URI url;
    /** Lower-case hex, or null where the format carries no digest (OBR). */
    final String sha256;
    /** Bytes, or -1 if the index does not say. */
    final long size;
    /** The index it comes from. */
    final String repository;
    final BasicResource resource;

    IndexedBundle(String symbolicName, Version version, URI url, String sha256, long size, String repository, BasicResource resource) {
        this.symbolicName = symbolicName;
        this.version = version;
        this.url = url;
        this.sha256 = sha256;
        this.size = size;
        this.repository = repository;
        this.resource = resource;
    }

    @Override
    public String toString() {
        return symbolicName + " " + version + " (" + repository + ")";
    }
}
