package io.baton.container.core.internal;

import io.baton.container.core.InactiveComponent;
import io.baton.container.core.SwapPhase;
import io.baton.container.core.TargetInfo;
import io.baton.container.core.spi.SwapParticipant;
import io.baton.container.statexfer.Migrator;
import io.baton.container.statexfer.MigratorEdge;
import io.baton.container.statexfer.SchemaVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VALIDATE, the dry run: reads every target jar fully, finds the managed bundle each replaces, checks
 * its requirements against the running framework, matches services and migration chains from the DS
 * descriptors, and checks the class space of exported packages. Changes nothing, so nothing to undo.
 */
final class ValidatePhase implements Phase {
    private static final Logger LOG = LoggerFactory.getLogger(ValidatePhase.class);

    @Override
    public SwapPhase id() {
        return SwapPhase.VALIDATE;
    }

    @Override
    public void run(SwapContext swap) throws PhaseFailure {
        if (swap.request.targets == null || swap.request.targets.isEmpty()) {
            throw new PhaseFailure("No targets; expected at least one jar path or URL");
        }
        for (SwapParticipant p : swap.env.participants()) {
            try {
                p.admit(swap.ticket);
            } catch (Exception e) {
                throw new PhaseFailure(e.getMessage(), e);
            }
        }
        readTargets(swap);
        List<TargetJar> jars = new ArrayList<>();
        for (Target t : swap.targets) {
            if (t.jar.installed == null || t.jar.installed.getState() != Bundle.ACTIVE) {
                jars.add(t.jar); // a warm standby is resolved and wired already: nothing to check (and a rollback saves the time)
            }
        }
        List<String> unmet = ResolveCheck.unmet(jars, swap.env.context);
        if (!unmet.isEmpty()) {
            throw new PhaseFailure("Cannot resolve: " + String.join("; ", unmet));
        }
        swap.declaredMigrators.addAll(declaredMigrators(swap));
        ServiceMatcher matcher = new ServiceMatcher(swap);
        for (Target t : swap.targets) {
            t.inactiveInOld.putAll(swap.env.inactiveComponents(t.old));
            t.inactiveInOld.forEach((component, reason) -> {
                InactiveComponent c = new InactiveComponent();
                c.symbolicName = t.old.getSymbolicName();
                c.component = component;
                c.reason = reason;
                swap.report.inactiveComponents.add(c);
            });
            notHeldStable(swap, t);
            // services registered by code are not in the descriptors: STAGE judges them
            matcher.match(t, t.jar.offers(), false, swap.declaredMigrators);
        }
        ClassSpaceCheck.run(swap);
    }

    /** Services of the old version registered under a class: the plan says plainly that they are not held stable, and why. */
    private static void notHeldStable(SwapContext swap, Target t) {
        ServiceReference<?>[] refs = t.old.getRegisteredServices();
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            List<String> classes = Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS));
            if (classes.contains(Migrator.class.getName()) || swap.env.hiding.hidden(ref)) {
                continue;
            }
            t.unfacadable.add(ServiceIdentity.of(ref));
            swap.report.notHeldStable.add(t.old.getSymbolicName() + " service " + ref.getProperty(Constants.SERVICE_ID) + " " + classes
                    + ": registered under a class, not an interface, so no facade can stand in front of it; its consumers bind to "
                    + t.old.getVersion() + " directly, see " + t.jar.version + "'s registration from STAGE on and lose this one at RETIRE"
                    + " (a DS reference rebinds or restarts, other consumers must look it up again)");
        }
    }

    private static void readTargets(SwapContext swap) throws PhaseFailure {
        Set<String> names = new HashSet<>();
        for (String source : swap.request.targets) {
            TargetJar jar;
            try {
                jar = source != null && source.startsWith(TargetJar.BUNDLE_PREFIX)
                        ? TargetJar.installed(source, swap.env.context) : swap.reads.get(source);
            } catch (IllegalArgumentException e) {
                throw new PhaseFailure(e.getMessage(), e);
            }
            if (!names.add(jar.symbolicName)) {
                throw new PhaseFailure("Targets name " + jar.symbolicName + " twice; expected one version per bundle");
            }
            Bundle old = managedBundle(swap, jar);
            if (old.getVersion().equals(jar.version)) {
                throw new PhaseFailure(jar + " is already running (bundle " + old.getBundleId() + ")");
            }
            Target t = new Target(jar, old, swap.env.facades.of(old));
            Target.checkLive(t.oldFacades);
            swap.targets.add(t);
            TargetInfo info = new TargetInfo();
            info.symbolicName = jar.symbolicName;
            info.fromVersion = old.getVersion().toString();
            info.toVersion = jar.version.toString();
            info.source = source;
            swap.report.targets.add(info);
        }
    }

    private static Bundle managedBundle(SwapContext swap, TargetJar jar) throws PhaseFailure {
        for (Bundle b : swap.env.roles.active()) {
            if (jar.symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        String runtime = swap.env.runtime.refusal(jar, "swap");
        if (runtime != null) {
            throw new PhaseFailure(runtime);
        }
        for (Bundle b : swap.env.context.getBundles()) {
            if (jar.symbolicName.equals(b.getSymbolicName()) && swap.env.roles.of(b) == null) {
                throw new PhaseFailure("Bundle " + b.getSymbolicName() + " " + b.getVersion() + " (id " + b.getBundleId()
                        + ") was installed by other means and is not managed by Baton; to swap it with Baton, uninstall it and"
                        + " deploy it with baton:deploy (Baton then hides its services behind facades)");
            }
        }
        StringJoiner managed = new StringJoiner(", ", "[", "]");
        swap.env.roles.active().forEach(b -> managed.add(b.getSymbolicName() + " " + b.getVersion()));
        throw new PhaseFailure("No managed bundle " + jar.symbolicName + " to swap to " + jar.version + "; managed bundles: " + managed);
    }

    private static List<MigratorEdge> declaredMigrators(SwapContext swap) {
        List<MigratorEdge> edges = new ArrayList<>();
        for (Target t : swap.targets) {
            for (TargetJar.Component c : t.jar.components) {
                if (!c.provides.contains(Migrator.class.getName())) {
                    continue;
                }
                String origin = t.jar + " component " + c.name;
                try {
                    edges.add(new MigratorEdge(String.valueOf(c.properties.get(Migrator.TYPE)),
                            SchemaVersion.parse(c.properties.get(Migrator.FROM), Migrator.FROM, origin),
                            SchemaVersion.parse(c.properties.get(Migrator.TO), Migrator.TO, origin), origin));
                } catch (IllegalArgumentException e) {
                    LOG.warn("Swap {}: migrator {} ignored: {}", swap.id(), origin, e.getMessage());
                }
            }
        }
        return edges;
    }
}
