package io.baton.container.shell.internal.repo;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/** Whether a capability satisfies a requirement, as the framework decides it. Thread-safe. */
final class Matching {
    private static final Map<String, Optional<Filter>> FILTERS = new ConcurrentHashMap<>();

    private Matching() {}

    /**
     * Same namespace, the requirement's filter matches the capability's attributes, and every
     * attribute the capability declares {@code mandatory:=} is named in the filter. A malformed filter
     * matches nothing (the resolver then names the requirement as missing).
     */
    static boolean matches(Requirement requirement, Capability capability) {
        if (!requirement.getNamespace().equals(capability.getNamespace())) {
            return false;
        }
        String text = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        if (text == null) {
            return true;
        }
        Optional<Filter> filter = filter(text);
        if (filter.isEmpty() || !filter.get().matches(capability.getAttributes())) {
            return false;
        }
        String mandatory = capability.getDirectives().get("mandatory");
        if (mandatory != null) {
            for (String attribute : mandatory.split(",")) {
                if (!text.contains("(" + attribute.trim())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return the parsed filter, or empty if it does not parse */
    private static Optional<Filter> filter(String text) {
        if (FILTERS.size() > 10_000) {
            FILTERS.clear(); // a bound, not a policy: the filters of one deploy fit many times over
        }
        return FILTERS.computeIfAbsent(text, t -> {
            try {
                return Optional.of(FrameworkUtil.createFilter(t));
            } catch (InvalidSyntaxException e) {
                return Optional.empty();
            }
        });
    }
}
