package io.baton.container.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Part of VALIDATE: packages an old bundle exports to others must stay the same classes, so the new
 * version must import them in a range that keeps the consumers' wiring. Otherwise the consumers need
 * a refresh: refused, or, with {@code allowRefresh}, planned ({@link RefreshPlan}).
 */
final class ClassSpaceCheck {
    private ClassSpaceCheck() {}

    /**
     * Substitutable exports (a bundle that exports and imports its own API package, bnd's default):
     * staged beside the running version, the new version imports the package from it, so its
     * services implement the very classes the consumers use and nobody restarts. The plan says so,
     * and that the old bundle stays installed, stopped, as the package's provider after the commit.
     */
    private static void substitutions(SwapContext swap) {
        for (Target t : swap.targets) {
            BundleWiring wiring = t.old.adapt(BundleWiring.class);
            if (wiring == null) {
                continue;
            }
            Map<String, VersionRange> imports = imports(t.jar);
            for (String pkg : t.jar.packageExports().keySet()) {
                VersionRange range = imports.get(pkg);
                if (range == null) {
                    continue;
                }
                for (BundleCapability c : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                    Object version = c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                    if (pkg.equals(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)) && version instanceof Version && range.includes((Version) version)) {
                        swap.report.notes.add(t.jar + " exports and imports " + pkg + ": it will use " + pkg + " " + version + " of the running "
                                + t.old.getVersion() + " (the classes its consumers use), so nobody restarts; after the commit, "
                                + t.old.getVersion() + " stays installed, stopped, as the provider of " + pkg + " while bundles use it");
                    }
                }
            }
        }
    }

    private static Map<String, VersionRange> imports(TargetJar jar) {
        Map<String, VersionRange> imports = new LinkedHashMap<>();
        for (Clauses.Clause c : Clauses.parse(jar.header(Constants.IMPORT_PACKAGE))) {
            for (String pkg : c.names) {
                imports.put(pkg, new VersionRange(c.attributes.getOrDefault("version", "0.0.0")));
            }
        }
        return imports;
    }

    static void run(SwapContext swap) throws PhaseFailure {
        substitutions(swap);
        List<String> conflicts = new ArrayList<>();
        List<Bundle> olds = new ArrayList<>();
        Map<BundleWire, Target> changed = new LinkedHashMap<>();
        for (Target t : swap.targets) {
            BundleWiring wiring = t.old.adapt(BundleWiring.class);
            if (wiring == null) {
                continue;
            }
            Map<String, VersionRange> imports = imports(t.jar);
            for (BundleWire wire : wiring.getProvidedWires(PackageNamespace.PACKAGE_NAMESPACE)) {
                if (wire.getRequirer().getBundle().equals(t.old)) {
                    continue;
                }
                String pkg = (String) wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
                Object version = wire.getCapability().getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                VersionRange range = imports.get(pkg);
                if (range == null || !range.includes(Version.parseVersion(String.valueOf(version)))) {
                    conflicts.add(pkg + " " + version + " (used by " + wire.getRequirer().getBundle().getSymbolicName() + ")");
                    if (!olds.contains(t.old)) {
                        olds.add(t.old);
                    }
                    changed.put(wire, t);
                }
            }
        }
        if (conflicts.isEmpty()) {
            return;
        }
        FrameworkWiring fw = swap.env.context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        List<String> runtime = new ArrayList<>();
        for (Bundle b : fw.getDependencyClosure(olds)) {
            swap.report.refreshClosure.add(b.getSymbolicName() + " " + b.getVersion());
            if (swap.env.runtime.isRuntime(b)) {
                runtime.add(b.getSymbolicName() + " " + b.getVersion() + " (bundle " + b.getBundleId() + ")");
            }
        }
        if (!runtime.isEmpty()) {
            // never, even with allowRefresh: refreshing a runtime bundle restarts the container's own parts
            throw new PhaseFailure("The new versions change the class space of exported packages " + conflicts
                    + ", and the refresh would restart runtime bundles " + runtime + "; Baton never refreshes its runtime");
        }
        String what = "The new versions change the class space of exported API packages " + conflicts
                + ": the consumers would see other classes and need a refresh (closure " + swap.report.refreshClosure + ")";
        if (!swap.request.allowRefresh) {
            throw new PhaseFailure(what + "; allow a refresh to swap anyway");
        }
        for (Map.Entry<BundleWire, Target> e : changed.entrySet()) {
            BundleWire wire = e.getKey();
            String pkg = (String) wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
            RefreshPlan.checkImport(wire.getRequirer().getBundle().getSymbolicName(), pkg,
                    wire.getRequirement().getDirectives().get(PackageNamespace.REQUIREMENT_FILTER_DIRECTIVE), e.getValue().jar.packageExports().get(pkg),
                    e.getValue().jar.toString());
        }
        swap.refresh = new RefreshPlan(olds, fw, swap.env.roles, swap.env.facades);
        swap.report.notes.add("Refresh: " + what + "; the consumers restart on the new API (their service registrations change)");
    }
}
