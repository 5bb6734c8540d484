package io.baton.container.core.internal;

import io.baton.container.core.SwapPhase;
import io.baton.container.core.TargetInfo;
import io.baton.container.core.spi.SwapParticipant;
import io.baton.container.statexfer.Migrator;
import io.baton.container.statexfer.MigratorEdge;
import io.baton.container.statexfer.SchemaVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.osgi.framework.Bundle;
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
        swap.targets.forEach(t -> jars.add(t.jar));
        List<String> unmet = ResolveCheck.unmet(jars, swap.env.context);
        if (!unmet.isEmpty()) {
            throw new PhaseFailure("Cannot resolve: " + String.join("; ", unmet));
        }
        swap.declaredMigrators.addAll(declaredMigrators(swap));
        ServiceMatcher matcher = new ServiceMatcher(swap);
        for (Target t : swap.targets) {
            List<Offer> offers = new ArrayList<>();
            for (TargetJar.Component c : t.jar.components) {
                if (!c.provides.isEmpty() && !c.provides.contains(Migrator.class.getName())) {
                    offers.add(Offer.of(t.jar, c));
                }
            }
            // a jar without DS descriptors registers its services some other way: STAGE judges them
            matcher.match(t, offers, !t.jar.components.isEmpty(), swap.declaredMigrators);
        }
        ClassSpaceCheck.run(swap);
    }

    private static void readTargets(SwapContext swap) throws PhaseFailure {
        Set<String> names = new HashSet<>();
        for (String source : swap.request.targets) {
            TargetJar jar;
            try {
                jar = source != null && source.startsWith(TargetJar.BUNDLE_PREFIX)
                        ? TargetJar.installed(source, swap.env.context) : TargetJar.read(source);
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
        for (Bundle b : swap.env.context.getBundles()) {
            if (jar.symbolicName.equals(b.getSymbolicName()) && swap.env.roles.of(b) == null) {
                throw new PhaseFailure("Bundle " + b.getSymbolicName() + " " + b.getVersion() + " (id " + b.getBundleId()
                        + ") is not managed by Baton; deploy it through Baton to swap it");
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
