package io.baton.container.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Checks, without touching the framework, that every mandatory requirement of the target jars
 * ({@code Import-Package}, {@code Require-Bundle}, {@code Require-Capability} with resolve-time
 * effect) is met by a capability of a resolved or installed bundle or of another target. It does not check
 * {@code uses} constraints: STAGE's real resolve does, and fails there without any change left behind.
 */
final class ResolveCheck {
    /** A capability: namespace, attributes, and the bundle providing it (null for a target). */
    private static final class Cap {
        final String namespace;
        final Map<String, Object> attributes;
        final Bundle provider;

        Cap(String namespace, Map<String, Object> attributes, Bundle provider) {
            this.namespace = namespace;
            this.attributes = attributes;
            this.provider = provider;
        }
    }

    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");

    private ResolveCheck() {}

    /** @return one line per unmet requirement ({@code <target>: missing <namespace> <filter>}); empty if all met */
    static List<String> unmet(List<TargetJar> targets, BundleContext context) {
        List<Cap> caps = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (wiring != null && wiring.isInUse()) {
                for (BundleCapability c : wiring.getCapabilities(null)) {
                    caps.add(new Cap(c.getNamespace(), c.getAttributes(), b));
                }
            } else if (b.getState() == Bundle.INSTALLED) {
                // installed, not resolved yet: the framework resolves it when a staged bundle needs it
                BundleRevision revision = b.adapt(BundleRevision.class);
                for (BundleCapability c : revision == null ? List.<BundleCapability>of() : revision.getDeclaredCapabilities(null)) {
                    caps.add(new Cap(c.getNamespace(), c.getAttributes(), b));
                }
            }
        }
        for (TargetJar t : targets) {
            caps.addAll(provided(t));
        }
        List<String> unmet = new ArrayList<>();
        for (TargetJar t : targets) {
            for (Map.Entry<String, String> req : required(t).entrySet()) {
                String namespace = req.getValue();
                if (!satisfied(namespace, req.getKey(), caps)) {
                    unmet.add(t + ": missing " + namespace + " " + req.getKey() + otherVersions(namespace, req.getKey(), caps));
                }
            }
        }
        return unmet;
    }

    /**
     * For an unmet package requirement: who exports that package at other versions, so that the refusal
     * says, e.g., that only a runtime bundle has it, and at which version.
     */
    private static String otherVersions(String namespace, String filter, List<Cap> caps) {
        if (!PackageNamespace.PACKAGE_NAMESPACE.equals(namespace)) {
            return "";
        }
        Matcher m = PACKAGE.matcher(filter);
        if (!m.find()) {
            return "";
        }
        String pkg = m.group(1);
        List<String> exporters = new ArrayList<>();
        for (Cap c : caps) {
            if (c.namespace.equals(namespace) && pkg.equals(c.attributes.get(namespace)) && c.provider != null) {
                exporters.add(c.provider.getSymbolicName() + " " + c.provider.getVersion() + " (bundle " + c.provider.getBundleId()
                        + ") exports it at " + c.attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE));
            }
        }
        return exporters.isEmpty() ? "" : "; only " + String.join(", ", exporters);
    }

    private static boolean satisfied(String namespace, String filterText, List<Cap> caps) {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter(filterText);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        for (Cap c : caps) {
            if (c.namespace.equals(namespace) && filter.matches(c.attributes)) {
                return true;
            }
        }
        return false;
    }

    /** Mandatory resolve-time requirements as filter to namespace. */
    private static Map<String, String> required(TargetJar t) {
        Map<String, String> reqs = new HashMap<>();
        for (Clauses.Clause c : Clauses.parse(t.header(Constants.IMPORT_PACKAGE))) {
            if (Constants.RESOLUTION_OPTIONAL.equals(c.directives.get(Constants.RESOLUTION_DIRECTIVE))) {
                continue;
            }
            for (String pkg : c.names) {
                if (!pkg.startsWith("java.")) {
                    reqs.put(rangeFilter(PackageNamespace.PACKAGE_NAMESPACE, pkg, "version", c.attributes.get("version")),
                            PackageNamespace.PACKAGE_NAMESPACE);
                }
            }
        }
        for (Clauses.Clause c : Clauses.parse(t.header(Constants.REQUIRE_BUNDLE))) {
            if (!Constants.RESOLUTION_OPTIONAL.equals(c.directives.get(Constants.RESOLUTION_DIRECTIVE))) {
                reqs.put(rangeFilter(BundleNamespace.BUNDLE_NAMESPACE, c.names.get(0), "bundle-version",
                        c.attributes.get("bundle-version")), BundleNamespace.BUNDLE_NAMESPACE);
            }
        }
        for (Clauses.Clause c : Clauses.parse(t.header(Constants.REQUIRE_CAPABILITY))) {
            String effective = c.directives.getOrDefault("effective", "resolve");
            if (!"resolve".equals(effective) || "optional".equals(c.directives.get("resolution"))) {
                continue;
            }
            String filter = c.directives.getOrDefault("filter", "(" + c.names.get(0) + "=*)");
            reqs.put(filter, c.names.get(0));
        }
        return reqs;
    }

    private static String rangeFilter(String namespace, String name, String versionKey, String range) {
        String base = "(" + namespace + "=" + name + ")";
        if (range == null) {
            return base;
        }
        return "(&" + base + new VersionRange(range).toFilterString(versionKey) + ")";
    }

    private static List<Cap> provided(TargetJar t) {
        List<Cap> caps = new ArrayList<>();
        for (Map<String, Object> export : t.packageExports().values()) {
            caps.add(new Cap(PackageNamespace.PACKAGE_NAMESPACE, export, null));
        }
        Map<String, Object> bundle = new HashMap<>();
        bundle.put(BundleNamespace.BUNDLE_NAMESPACE, t.symbolicName);
        bundle.put("bundle-version", t.version);
        caps.add(new Cap(BundleNamespace.BUNDLE_NAMESPACE, bundle, null));
        for (Clauses.Clause c : Clauses.parse(t.header(Constants.PROVIDE_CAPABILITY))) {
            Map<String, Object> attrs = new HashMap<>();
            c.attributes.forEach((k, v) -> attrs.put(k, k.equals("version") ? Version.parseVersion(v) : v));
            caps.add(new Cap(c.names.get(0), attrs, null));
        }
        return caps;
    }
}
