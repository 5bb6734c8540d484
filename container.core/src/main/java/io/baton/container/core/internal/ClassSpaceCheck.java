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

    static void run(SwapContext swap) throws PhaseFailure {
        List<String> conflicts = new ArrayList<>();
        List<Bundle> olds = new ArrayList<>();
        Map<BundleWire, Target> changed = new LinkedHashMap<>();
        for (Target t : swap.targets) {
            BundleWiring wiring = t.old.adapt(BundleWiring.class);
            if (wiring == null) {
                continue;
            }
            Map<String, VersionRange> imports = new LinkedHashMap<>();
            for (Clauses.Clause c : Clauses.parse(t.jar.header(Constants.IMPORT_PACKAGE))) {
                for (String pkg : c.names) {
                    imports.put(pkg, new VersionRange(c.attributes.getOrDefault("version", "0.0.0")));
                }
            }
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
        for (Bundle b : fw.getDependencyClosure(olds)) {
            swap.report.refreshClosure.add(b.getSymbolicName() + " " + b.getVersion());
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
