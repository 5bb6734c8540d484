package io.baton.container.shell.internal.repo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/**
 * A resource as the resolver sees it: capabilities and requirements in OSGi namespaces. Built once
 * (by {@link ObrTranslation}), then only read; capabilities and requirements are created once, so
 * identity equality is what the resolver's maps need. Its text is {@code symbolic-name version}, which
 * is how resolution failures name it.
 */
final class BasicResource implements Resource {
    private final String name;
    private final List<Capability> capabilities = new ArrayList<>();
    private final List<Requirement> requirements = new ArrayList<>();

    BasicResource(String name) {
        this.name = name;
    }

    void capability(String namespace, Map<String, Object> attributes, Map<String, String> directives) {
        capabilities.add(new Cap(this, namespace, attributes, directives));
    }

    void requirement(String namespace, Map<String, Object> attributes, Map<String, String> directives) {
        requirements.add(new Req(this, namespace, attributes, directives));
    }

    @Override
    public List<Capability> getCapabilities(String namespace) {
        return namespace == null ? Collections.unmodifiableList(capabilities) : select(capabilities, namespace);
    }

    @Override
    public List<Requirement> getRequirements(String namespace) {
        return namespace == null ? Collections.unmodifiableList(requirements) : select(requirements, namespace);
    }

    private static <T> List<T> select(List<T> all, String namespace) {
        List<T> selected = new ArrayList<>();
        for (T t : all) {
            if (namespace.equals(t instanceof Capability ? ((Capability) t).getNamespace() : ((Requirement) t).getNamespace())) {
                selected.add(t);
            }
        }
        return selected;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The parts both a capability and a requirement have. */
    private abstract static class Part {
        final Resource resource;
        final String namespace;
        final Map<String, Object> attributes;
        final Map<String, String> directives;

        Part(Resource resource, String namespace, Map<String, Object> attributes, Map<String, String> directives) {
            this.resource = resource;
            this.namespace = namespace;
            this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            this.directives = Collections.unmodifiableMap(new LinkedHashMap<>(directives));
        }

        public String getNamespace() {
            return namespace;
        }

        public Map<String, Object> getAttributes() {
            return attributes;
        }

        public Map<String, String> getDirectives() {
            return directives;
        }

        public Resource getResource() {
            return resource;
        }
    }

    private static final class Cap extends Part implements Capability {
        Cap(Resource resource, String namespace, Map<String, Object> attributes, Map<String, String> directives) {
            super(resource, namespace, attributes, directives);
        }

        @Override
        public String toString() {
            return resource + " " + namespace + attributes;
        }
    }

    private static final class Req extends Part implements Requirement {
        Req(Resource resource, String namespace, Map<String, Object> attributes, Map<String, String> directives) {
            super(resource, namespace, attributes, directives);
        }

        @Override
        public String toString() {
            return "[" + resource + "] " + namespace + "; " + directives.get("filter");
        }
    }
}
