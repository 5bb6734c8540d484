package io.baton.container.shell.internal.repo;

import org.osgi.framework.Version;

/** One bundle of an R5 repository index: identity, content URL and SHA-256. */
public final class IndexedBundle {
    final String symbolicName;
    final Version version;
    final String url;
    final String sha256;
    final String repository;

    IndexedBundle(String symbolicName, Version version, String url, String sha256, String repository) {
        this.symbolicName = symbolicName;
        this.version = version;
        this.url = url;
        this.sha256 = sha256;
        this.repository = repository;
    }

    @Override
    public String toString() {
        return symbolicName + " " + version + " (" + repository + ")";
    }
}
