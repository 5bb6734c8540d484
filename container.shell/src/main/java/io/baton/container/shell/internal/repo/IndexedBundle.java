package io.baton.container.shell.internal.repo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Version;

/** One bundle of an R5 repository index: identity, content URL, SHA-256, capabilities and requirements. */
public final class IndexedBundle {
    /** A capability: namespace and typed attributes. */
    static final class Capability {
        final String namespace;
        final Map<String, Object> attributes;

        Capability(String namespace, Map<String, Object> attributes) {
            this.namespace = namespace;
            this.attributes = attributes;
        }
    }

    /** A mandatory, resolve-time requirement: namespace and filter. */
    static final class Requirement {
        final String namespace;
        final String filter;

        Requirement(String namespace, String filter) {
            this.namespace = namespace;
            this.filter = filter;
        }
    }

    final List<Capability> capabilities = new ArrayList<>();
    final List<Requirement> requirements = new ArrayList<>();
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
