package io.baton.container.core.internal;

import io.baton.container.core.MigrationInfo;
import io.baton.container.core.PhaseTiming;
import io.baton.container.core.Quiescable;
import io.baton.container.core.ServiceChange;
import io.baton.container.core.SwapParticipant;
import io.baton.container.core.SwapPhase;
import io.baton.container.core.SwapProgress;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.container.core.TargetInfo;
import io.baton.container.statexfer.Migrator;
import io.baton.container.statexfer.MigratorEdge;
import io.baton.container.statexfer.Snapshot;
import io.baton.container.statexfer.StateTransferException;
import io.baton.container.statexfer.Stateful;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.VersionRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plan or swap, as phases (see {@link SwapPhase} for the transition table). Not thread-safe: one
 * run is driven by one thread, under the {@link SwapEngine}'s lock.
 */
final class SwapRun {
    private static final Logger LOG = LoggerFactory.getLogger(SwapRun.class);

    private final SwapEnvironment env;
    private final SwapRequest request;
    private final SwapReport report = new SwapReport();
    private final List<Target> targets = new ArrayList<>();
    /** Identifies this swap's closed gates (a thread inside one passes the others). */
    private final Object token = new Object();
    private final List<Facade> gated = new ArrayList<>();
    private final List<Quiescable> suspendedOld = new ArrayList<>();
    /** Snapshots exported in TRANSFER, by service identity, for the participants (checkpoints). */
    private final Map<String, Snapshot> exported = new LinkedHashMap<>();
    /** Set in VALIDATE when an API change needs its consumers refreshed and the request allows it. */
    private RefreshPlan refresh;
    private long closedAt;
    private volatile SwapPhase phase;

    private final SwapProgress progress;

    SwapRun(String id, SwapRequest request, SwapEnvironment env, SwapProgress progress) {
        this.progress = progress;
        this.env = env;
        this.request = request;
        report.id = id;
    }

    String id() {
        return report.id;
    }

    SwapPhase phase() {
        return phase;
    }

    /** The dry run: VALIDATE only. */
    SwapReport plan() {
        long t0 = System.nanoTime();
        try {
            run(SwapPhase.VALIDATE, this::validate);
            report.status = SwapStatus.PLANNED;
        } catch (PhaseFailure f) {
            fail(f);
        }
        return finish(t0);
    }

    /** The swap: every phase; before SWITCH a failure undoes everything. */
    SwapReport swap() {
        long t0 = System.nanoTime();
        LOG.info("Swap {} starts: {}", report.id, request.targets);
        try {
            run(SwapPhase.VALIDATE, this::validate);
            run(SwapPhase.STAGE, this::stage);
            run(SwapPhase.QUIESCE, this::quiesce);
            run(SwapPhase.TRANSFER, this::transfer);
        } catch (PhaseFailure f) {
            fail(f);
            undo();
            return finish(t0);
        }
        try {
            run(SwapPhase.SWITCH, this::switchOver);
            run(SwapPhase.RETIRE, this::retire);
        } catch (PhaseFailure f) {
            LOG.error("Swap {}: {} failed after the point of no return; the new version serves: {}", report.id, f.phase, f.getMessage());
        }
        report.status = SwapStatus.SWAPPED;
        for (SwapParticipant p : env.participants()) {
            try {
                p.swapped(request, report);
            } catch (RuntimeException e) {
                LOG.error("Swap {}: participant {} failed after the swap: {}", report.id, p.getClass().getSimpleName(), e.toString());
            }
        }
        return finish(t0);
    }

    private interface Body {
        void run() throws PhaseFailure;
    }

    private void run(SwapPhase p, Body body) throws PhaseFailure {
        phase = p;
        long t0 = System.nanoTime();
        String failure = null;
        try {
            body.run();
        } catch (PhaseFailure f) {
            failure = f.getMessage();
            throw f;
        } finally {
            PhaseTiming timing = new PhaseTiming();
            timing.phase = p;
            timing.micros = (System.nanoTime() - t0) / 1000;
            report.phases.add(timing);
            String failed = failure;
            Runnable tell = () -> {
                LOG.info("Swap {} {} took {} us", report.id, p, timing.micros);
                env.post("io/baton/swap/" + p, Map.of("swap.id", report.id, "phase", p.name(), "micros", timing.micros));
                if (progress != null) {
                    try {
                        progress.phaseDone(p, timing.micros, failed);
                    } catch (RuntimeException e) {
                        LOG.warn("Swap {}: the progress listener failed: {}", report.id, e.toString());
                    }
                }
            };
            // While the gates are closed, logging, events and progress would lengthen the pause:
            // they wait until the gates open (SWITCH) or the swap is undone.
            if (failure == null && (p == SwapPhase.QUIESCE || p == SwapPhase.TRANSFER)) {
                untold.add(tell);
            } else {
                tellUntold();
                tell.run();
            }
        }
    }

    /** Phase notices held back while the gates were closed, in phase order. */
    private final List<Runnable> untold = new ArrayList<>();

    private void tellUntold() {
        List<Runnable> pending = new ArrayList<>(untold);
        untold.clear();
        pending.forEach(Runnable::run);
    }

    private void fail(PhaseFailure f) {
        report.failedPhase = f.phase;
        report.failure = f.phase + ": " + f.getMessage();
        report.status = f.phase == SwapPhase.VALIDATE ? SwapStatus.REFUSED : SwapStatus.ABORTED;
        LOG.warn("Swap {} {}: {}", report.id, report.status, report.failure);
    }

    private SwapReport finish(long t0) {
        tellUntold();
        report.totalMicros = (System.nanoTime() - t0) / 1000;
        LOG.info("Swap {} {} in {} us (pause {} us, {} calls waited, longest {} us, {} state bytes)", report.id, report.status,
                report.totalMicros, report.pauseMicros, report.waitedCalls, report.longestWaitMicros, report.stateBytes);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("swap.id", report.id);
        props.put("status", report.status.name());
        props.put("pause.micros", report.pauseMicros);
        if (report.failure != null) {
            props.put("failure", report.failure);
        }
        env.post("io/baton/swap/" + report.status, props);
        return report;
    }

    // ---- VALIDATE ------------------------------------------------------------------------------

    private void validate() throws PhaseFailure {
        if (request.targets == null || request.targets.isEmpty()) {
            throw new PhaseFailure(SwapPhase.VALIDATE, "No targets; expected at least one jar path or URL");
        }
        for (SwapParticipant p : env.participants()) {
            try {
                p.admit(request);
            } catch (Exception e) {
                throw new PhaseFailure(SwapPhase.VALIDATE, e.getMessage(), e);
            }
        }
        Set<String> names = new HashSet<>();
        for (String source : request.targets) {
            TargetJar jar;
            try {
                jar = source != null && source.startsWith(TargetJar.BUNDLE_PREFIX)
                        ? TargetJar.installed(source, env.context) : TargetJar.read(source);
            } catch (IllegalArgumentException e) {
                throw new PhaseFailure(SwapPhase.VALIDATE, e.getMessage(), e);
            }
            if (!names.add(jar.symbolicName)) {
                throw new PhaseFailure(SwapPhase.VALIDATE, "Targets name " + jar.symbolicName + " twice; expected one version per bundle");
            }
            Bundle old = managedBundle(jar);
            if (old.getVersion().equals(jar.version)) {
                throw new PhaseFailure(SwapPhase.VALIDATE, jar + " is already running (bundle " + old.getBundleId() + ")");
            }
            Target t = new Target(jar, old, env.registry.facadesOf(old));
            checkLive(t.oldFacades, SwapPhase.VALIDATE);
            targets.add(t);
            TargetInfo info = new TargetInfo();
            info.symbolicName = jar.symbolicName;
            info.fromVersion = old.getVersion().toString();
            info.toVersion = jar.version.toString();
            info.source = source;
            report.targets.add(info);
        }
        List<TargetJar> jars = new ArrayList<>();
        targets.forEach(t -> jars.add(t.jar));
        List<String> unmet = ResolveCheck.unmet(jars, env.context);
        if (!unmet.isEmpty()) {
            throw new PhaseFailure(SwapPhase.VALIDATE, "Cannot resolve: " + String.join("; ", unmet));
        }
        List<MigratorEdge> declared = declaredMigrators();
        for (Target t : targets) {
            planServices(t, declared);
        }
        checkClassSpace();
    }

    private Bundle managedBundle(TargetJar jar) throws PhaseFailure {
        for (Bundle b : env.registry.activeBundles()) {
            if (jar.symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        for (Bundle b : env.context.getBundles()) {
            if (jar.symbolicName.equals(b.getSymbolicName()) && env.registry.role(b) == null) {
                throw new PhaseFailure(SwapPhase.VALIDATE, "Bundle " + b.getSymbolicName() + " " + b.getVersion() + " (id "
                        + b.getBundleId() + ") is not managed by Baton; deploy it through Baton to swap it");
            }
        }
        StringJoiner managed = new StringJoiner(", ", "[", "]");
        env.registry.activeBundles().forEach(b -> managed.add(b.getSymbolicName() + " " + b.getVersion()));
        throw new PhaseFailure(SwapPhase.VALIDATE, "No managed bundle " + jar.symbolicName + " to swap to " + jar.version
                + "; managed bundles: " + managed);
    }

    private List<MigratorEdge> declaredMigrators() {
        List<MigratorEdge> edges = new ArrayList<>();
        for (Target t : targets) {
            for (TargetJar.Component c : t.jar.components) {
                if (c.provides.contains(Migrator.class.getName())) {
                    try {
                        edges.add(new MigratorEdge(String.valueOf(c.properties.get(Migrator.TYPE)), intProperty(c.properties, Migrator.FROM),
                                intProperty(c.properties, Migrator.TO), t.jar + " component " + c.name));
                    } catch (IllegalArgumentException e) {
                        LOG.warn("Swap {}: migrator {} of {} ignored: {}", report.id, c.name, t.jar, e.getMessage());
                    }
                }
            }
        }
        return edges;
    }

    /** Matches services by identity (from DS descriptors) and checks every state has a migration chain. */
    private void planServices(Target t, List<MigratorEdge> declared) throws PhaseFailure {
        Map<String, TargetJar.Component> incoming = new LinkedHashMap<>();
        for (TargetJar.Component c : t.jar.components) {
            if (!c.provides.isEmpty() && !c.provides.contains(Migrator.class.getName())) {
                incoming.put(ServiceIdentity.of(t.jar.symbolicName, c.provides, c.properties), c);
            }
        }
        for (Facade f : t.oldFacades) {
            TargetJar.Component c = incoming.get(f.identity);
            change(f.identity, c == null ? ServiceChange.Kind.REMOVED : ServiceChange.Kind.KEPT);
            Object type = f.implementation().getProperty(Stateful.STATE_TYPE);
            if (type != null && c == null && !t.jar.components.isEmpty()) {
                throw new PhaseFailure(SwapPhase.VALIDATE, stateLost(t, f, (String) type));
            }
            if (type == null || c == null) {
                continue; // stateless, or not declared by DS: checked again in STAGE
            }
            if (!type.equals(c.properties.get(Stateful.STATE_TYPE))) {
                throw new PhaseFailure(SwapPhase.VALIDATE, t.jar + " service " + f.identity + " does not declare state type " + type
                        + " (" + Stateful.STATE_TYPE + "=" + c.properties.get(Stateful.STATE_TYPE) + "); its state would be lost");
            }
            int from = intProperty(f.implementation(), Stateful.STATE_VERSION);
            int to = intProperty(c.properties, Stateful.STATE_VERSION);
            if (restorable(f.identity, to) != null && noChain((String) type, from, to, declared)) {
                migration(f.identity, (String) type, from, to, List.of()).restored = true;
            } else {
                migration(f.identity, (String) type, from, to, chain((String) type, from, to, declared));
            }
        }
        for (String id : incoming.keySet()) {
            if (t.oldFacades.stream().noneMatch(f -> f.identity.equals(id))) {
                change(id, ServiceChange.Kind.ADDED);
            }
        }
    }

    private static String stateLost(Target t, Facade f, String type) {
        return t.jar + " has no service matching " + f.identity + ", which holds state " + type
                + "; its state would be lost. If the implementation class was renamed, give both versions the same "
                + io.baton.container.core.Container.IDENTITY_PROPERTY + " property";
    }

    private List<MigratorEdge> chain(String type, int from, int to, List<MigratorEdge> declared) throws PhaseFailure {
        try {
            return env.stateTransfer.chain(type, from, to, declared);
        } catch (StateTransferException e) {
            throw new PhaseFailure(phase, e.getMessage(), e);
        }
    }

    private void change(String identity, ServiceChange.Kind kind) {
        ServiceChange c = new ServiceChange();
        c.identity = identity;
        c.change = kind;
        report.services.add(c);
    }

    private MigrationInfo migration(String identity, String type, int from, int to, List<MigratorEdge> chain) {
        report.migrations.removeIf(m -> m.identity.equals(identity));
        MigrationInfo m = new MigrationInfo();
        m.identity = identity;
        m.stateType = type;
        m.fromVersion = from;
        m.toVersion = to;
        chain.forEach(e -> m.chain.add(e.from() + "->" + e.to()));
        report.migrations.add(m);
        return m;
    }

    /**
     * Packages the old bundle exports to others must stay the same classes: the new bundle must import
     * them in a range that keeps the consumers' wiring. Otherwise the consumers need a refresh.
     */
    private void checkClassSpace() throws PhaseFailure {
        List<String> conflicts = new ArrayList<>();
        List<Bundle> olds = new ArrayList<>();
        List<BundleWire> changedWires = new ArrayList<>();
        Map<BundleWire, Target> wireTargets = new LinkedHashMap<>();
        for (Target t : targets) {
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
                Object version = wire.getCapability().getAttributes().get("version");
                VersionRange range = imports.get(pkg);
                if (range == null || !range.includes(org.osgi.framework.Version.parseVersion(String.valueOf(version)))) {
                    conflicts.add(pkg + " " + version + " (used by " + wire.getRequirer().getBundle().getSymbolicName() + ")");
                    if (!olds.contains(t.old)) {
                        olds.add(t.old);
                    }
                    changedWires.add(wire);
                    wireTargets.put(wire, t);
                }
            }
        }
        if (conflicts.isEmpty()) {
            return;
        }
        FrameworkWiring fw = env.context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        for (Bundle b : fw.getDependencyClosure(olds)) {
            report.refreshClosure.add(b.getSymbolicName() + " " + b.getVersion());
        }
        String what = "The new versions change the class space of exported API packages " + conflicts
                + ": the consumers would see other classes and need a refresh (closure " + report.refreshClosure + ")";
        if (!request.allowRefresh) {
            throw new PhaseFailure(SwapPhase.VALIDATE, what + "; allow a refresh to swap anyway");
        }
        for (BundleWire wire : changedWires) {
            Target t = wireTargets.get(wire);
            String pkg = (String) wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
            RefreshPlan.checkImport(wire.getRequirer().getBundle().getSymbolicName(), pkg,
                    wire.getRequirement().getDirectives().get("filter"), exportOf(t.jar, pkg), t.jar.toString());
        }
        refresh = new RefreshPlan(olds, fw, env.registry);
        report.notes.add("Refresh: " + what + "; the consumers restart on the new API (their service registrations change)");
    }

    /** The attributes of the target's export of a package, as a capability would have them; null if none. */
    private static Map<String, Object> exportOf(TargetJar jar, String pkg) {
        for (Clauses.Clause c : Clauses.parse(jar.header(Constants.EXPORT_PACKAGE))) {
            if (c.names.contains(pkg)) {
                Map<String, Object> attrs = new LinkedHashMap<>(c.attributes);
                attrs.put(PackageNamespace.PACKAGE_NAMESPACE, pkg);
                attrs.put("version", org.osgi.framework.Version.parseVersion(c.attributes.get("version")));
                attrs.put("bundle-symbolic-name", jar.symbolicName);
                attrs.put("bundle-version", jar.version);
                return attrs;
            }
        }
        return null;
    }

    // ---- STAGE ---------------------------------------------------------------------------------

    private void stage() throws PhaseFailure {
        for (Target t : targets) {
            if (t.jar.installed != null) {
                t.staged = t.jar.installed; // a retired version comes back: nothing to install
                env.registry.setRole(t.staged, FacadeRegistry.Role.STAGED);
                continue;
            }
            for (SwapParticipant p : env.participants()) {
                try {
                    p.installing(t.jar.symbolicName, t.jar.version.toString(), t.jar.source, t.jar.bytes);
                } catch (Exception e) {
                    throw new PhaseFailure(SwapPhase.STAGE, t.jar + " refused by " + p.getClass().getSimpleName() + ": " + e.getMessage(), e);
                }
            }
            try {
                String location = FacadeRegistry.LOCATION_PREFIX + UUID.randomUUID().toString().substring(0, 8) + ":" + t.jar.source;
                t.staged = env.context.installBundle(location, new ByteArrayInputStream(t.jar.bytes));
            } catch (BundleException | RuntimeException e) {
                throw new PhaseFailure(SwapPhase.STAGE, t.jar + " cannot be installed: " + e.getMessage(), e);
            }
            env.registry.setRole(t.staged, FacadeRegistry.Role.STAGED);
            int level = t.old.adapt(BundleStartLevel.class).getStartLevel();
            BundleStartLevel staged = t.staged.adapt(BundleStartLevel.class);
            if (staged.getStartLevel() != level) {
                // Felix applies a start-level change asynchronously; skipped when already right, so that a
                // staged bundle uninstalled by an undo does not race that job
                staged.setStartLevel(level);
            }
            LOG.info("Swap {} staged {} as bundle {}", report.id, t.jar, t.staged.getBundleId());
        }
        for (Target t : targets) {
            try {
                // transient: if the JVM dies before SWITCH, the next start brings up the old version only
                t.staged.start(Bundle.START_TRANSIENT);
            } catch (BundleException | RuntimeException e) {
                Throwable cause = e.getCause();
                throw new PhaseFailure(SwapPhase.STAGE, t.jar + " failed to start: " + e.getMessage()
                        + (cause == null ? "" : " (" + cause + ")"), e);
            }
        }
        for (Target t : targets) {
            awaitServices(t);
            matchServices(t);
        }
        for (Target t : targets) {
            for (StagedService s : t.services) {
                if (s.object instanceof Quiescable) {
                    ((Quiescable) s.object).suspend(); // no thread of the new object mutates state before import
                }
            }
        }
        // what the participants can prepare without the state, they prepare before the gates close
        for (SwapParticipant p : env.participants()) {
            try {
                p.quiescing(request, report);
            } catch (Exception e) {
                throw new PhaseFailure(SwapPhase.STAGE, p.getClass().getSimpleName() + " failed before the gates closed: " + e, e);
            }
        }
    }

    /** Waits until the staged bundle registered every service its DS descriptors declare. */
    private void awaitServices(Target t) throws PhaseFailure {
        Set<String> expected = new HashSet<>();
        for (TargetJar.Component c : t.jar.components) {
            if (!c.provides.isEmpty() && !c.provides.contains(Migrator.class.getName())) {
                expected.add(ServiceIdentity.of(t.jar.symbolicName, c.provides, c.properties));
            }
        }
        long deadline = System.nanoTime() + Duration.ofMillis(request.stageTimeoutMillis).toNanos();
        while (true) {
            Set<String> missing = new HashSet<>(expected);
            ServiceReference<?>[] refs = t.staged.getRegisteredServices();
            if (refs != null) {
                for (ServiceReference<?> ref : refs) {
                    missing.remove(ServiceIdentity.of(ref));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            if (t.staged.getState() != Bundle.ACTIVE || System.nanoTime() - deadline > 0) {
                throw new PhaseFailure(SwapPhase.STAGE, t.jar + " did not register " + missing + " within "
                        + request.stageTimeoutMillis + " ms" + env.componentDiagnosis(t.staged));
            }
            sleep(2);
        }
    }

    /** Gets the staged service objects (activating them) and pairs each with the facade it takes over. */
    private void matchServices(Target t) throws PhaseFailure {
        ServiceReference<?>[] refs = t.staged.getRegisteredServices();
        Set<String> kept = new HashSet<>();
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            if (Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS)).contains(Migrator.class.getName())) {
                continue; // migrators serve the swap itself, they get no facade
            }
            StagedService s = new StagedService(ServiceIdentity.of(ref), ref);
            s.object = env.context.getService(ref);
            t.services.add(s);
            if (s.object == null) {
                throw new PhaseFailure(SwapPhase.STAGE, t.jar + " service " + s.identity + " failed to activate"
                        + env.componentDiagnosis(t.staged));
            }
            for (Facade f : t.oldFacades) {
                if (f.identity.equals(s.identity)) {
                    s.facade = f;
                }
            }
            if (s.facade == null) {
                continue;
            }
            kept.add(s.identity);
            Class<?>[] types;
            try {
                types = FacadeRegistry.interfaces(ref);
            } catch (IllegalArgumentException e) {
                throw new PhaseFailure(SwapPhase.STAGE, t.jar + " service " + s.identity + ": " + e.getMessage(), e);
            }
            if (!Arrays.equals(types, s.facade.interfaces) && refresh != null) {
                s.replaceFacade = true; // other API classes: a new facade after the refresh, the state still carried
            } else if (!Arrays.equals(types, s.facade.interfaces)) {
                throw new PhaseFailure(SwapPhase.STAGE, t.jar + " service " + s.identity + " implements other " + Arrays.toString(types)
                        + " classes than the consumers use (a different API package wiring); a refresh would be needed");
            }
            checkState(t, s);
        }
        for (Facade f : t.oldFacades) {
            Object type = f.implementation().getProperty(Stateful.STATE_TYPE);
            if (type != null && !kept.contains(f.identity)) {
                throw new PhaseFailure(SwapPhase.STAGE, stateLost(t, f, (String) type));
            }
        }
        report.services.removeIf(c -> c.identity.startsWith(t.jar.symbolicName + "|"));
        for (Facade f : t.oldFacades) {
            change(f.identity, kept.contains(f.identity) ? ServiceChange.Kind.KEPT : ServiceChange.Kind.REMOVED);
        }
        for (StagedService s : t.services) {
            if (s.facade == null) {
                change(s.identity, ServiceChange.Kind.ADDED);
            }
        }
    }

    private void checkState(Target t, StagedService s) throws PhaseFailure {
        ServiceReference<?> oldRef = s.facade.implementation();
        Object type = oldRef.getProperty(Stateful.STATE_TYPE);
        if (type == null) {
            return;
        }
        if (!type.equals(s.reference.getProperty(Stateful.STATE_TYPE)) || !(s.object instanceof Stateful)) {
            throw new PhaseFailure(SwapPhase.STAGE, t.jar + " service " + s.identity + " does not take state " + type
                    + " (needs " + Stateful.STATE_TYPE + "=" + type + " and to implement Stateful); its state would be lost");
        }
        if (!(s.facade.gate.target() instanceof Stateful)) {
            throw new PhaseFailure(SwapPhase.STAGE, "running service " + s.identity + " declares state " + type + " but does not implement Stateful");
        }
        int from = intProperty(oldRef, Stateful.STATE_VERSION);
        int to = intProperty(s.reference, Stateful.STATE_VERSION);
        // the snapshot is looked at only where no migrator chain carries the live state: a rollback's
        // checkpoint may be large and is then not read at all
        s.restore = noChain((String) type, from, to, List.of()) ? restorable(s.identity, to) : null;
        if (s.restore != null) {
            migration(s.identity, (String) type, from, to, List.of()).restored = true;
        } else {
            s.restore = null;
            migration(s.identity, (String) type, from, to, chain((String) type, from, to, List.of()));
        }
    }

    /** A snapshot the request supplies for this service at the target's schema version, or null. */
    private Snapshot restorable(String identity, int version) throws PhaseFailure {
        Snapshot snapshot;
        try {
            snapshot = request.restore == null ? null : request.restore.get(identity);
        } catch (RuntimeException e) {
            throw new PhaseFailure(SwapPhase.STAGE, "the state to restore for " + identity + " cannot be read: " + e.getMessage(), e);
        }
        return snapshot != null && snapshot.version == version ? snapshot : null;
    }

    private boolean noChain(String type, int from, int to, List<MigratorEdge> declared) {
        try {
            env.stateTransfer.chain(type, from, to, declared);
            return false;
        } catch (StateTransferException e) {
            return true;
        }
    }

    // ---- QUIESCE -------------------------------------------------------------------------------

    private void quiesce() throws PhaseFailure {
        closedAt = System.nanoTime();
        for (Target t : targets) {
            for (Facade f : t.oldFacades) {
                f.gate.close(token);
                gated.add(f);
            }
        }
        if (refresh != null) {
            for (Facade f : refresh.consumerFacades) {
                f.gate.close(token);
                gated.add(f);
            }
        }
        for (Facade f : gated) {
            Object target = f.gate.target();
            if (target instanceof Quiescable) {
                try {
                    ((Quiescable) target).suspend();
                    suspendedOld.add((Quiescable) target);
                } catch (RuntimeException e) {
                    throw new PhaseFailure(SwapPhase.QUIESCE, "suspend() of " + f.identity + " failed: " + e, e);
                }
            }
        }
        checkLive(gated, SwapPhase.QUIESCE);
        long deadline = closedAt + Duration.ofMillis(request.drainTimeoutMillis).toNanos();
        for (Facade f : gated) {
            if (!f.gate.awaitDrained(deadline)) {
                report.stuckCalls.addAll(StuckCalls.find(gated));
                throw new PhaseFailure(SwapPhase.QUIESCE, "calls still in flight after drainTimeout of " + request.drainTimeoutMillis
                        + " ms: " + report.stuckCalls);
            }
        }
        checkPause();
    }

    private void checkPause() throws PhaseFailure {
        long paused = System.nanoTime() - closedAt;
        if (paused > Duration.ofMillis(request.maxPauseMillis).toNanos()) {
            throw new PhaseFailure(phase, "the pause reached " + paused / 1_000_000 + " ms, over maxPause of " + request.maxPauseMillis + " ms");
        }
    }

    // ---- TRANSFER ------------------------------------------------------------------------------

    private void transfer() throws PhaseFailure {
        for (Target t : targets) {
            for (StagedService s : t.services) {
                if (s.facade != null && s.facade.implementation().getProperty(Stateful.STATE_TYPE) != null) {
                    transfer(t, s);
                    checkPause();
                }
            }
        }
        if (refresh != null) {
            refresh.exportState(env.stateTransfer, request.maxStateBytes);
        }
        for (SwapParticipant p : env.participants()) {
            try {
                p.prepare(request, report, exported);
            } catch (Exception e) {
                throw new PhaseFailure(SwapPhase.TRANSFER, p.getClass().getSimpleName() + " failed before the point of no return: " + e, e);
            }
        }
        Failpoint.reach(env.context, "before-switch");
        checkPause();
    }

    private void transfer(Target t, StagedService s) throws PhaseFailure {
        ServiceReference<?> oldRef = s.facade.implementation();
        String type = (String) oldRef.getProperty(Stateful.STATE_TYPE);
        int from = intProperty(oldRef, Stateful.STATE_VERSION);
        int to = intProperty(s.reference, Stateful.STATE_VERSION);
        Map<String, Object> state;
        try {
            state = ((Stateful) s.facade.gate.target()).exportState();
        } catch (RuntimeException e) {
            throw new PhaseFailure(SwapPhase.TRANSFER, "exportState() of " + s.identity + " " + t.old.getVersion() + " failed: " + e, e);
        }
        try {
            Snapshot snapshot = env.stateTransfer.capture(type, from, state, request.maxStateBytes);
            exported.put(s.identity, snapshot);
            Snapshot migrated;
            if (s.restore != null) {
                migrated = s.restore;
                report.notes.add("No migration chain for " + type + " v" + from + " -> v" + to + " of " + s.identity
                        + ": its state was restored from the checkpoint; writes made since then were dropped");
            } else {
                long leftMillis = request.maxPauseMillis - (System.nanoTime() - closedAt) / 1_000_000;
                Duration deadline = Duration.ofMillis(Math.max(1, Math.min(request.migrationTimeoutMillis, leftMillis)));
                migrated = env.stateTransfer.migrate(snapshot, to, deadline);
            }
            ((Stateful) s.object).importState(migrated.data);
            report.stateBytes += snapshot.bytes;
            report.migrations.stream().filter(m -> m.identity.equals(s.identity)).forEach(m -> m.bytes = snapshot.bytes);
        } catch (StateTransferException e) {
            throw new PhaseFailure(SwapPhase.TRANSFER, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new PhaseFailure(SwapPhase.TRANSFER, "importState() of " + s.identity + " " + t.jar.version
                    + " refused the migrated state: " + e, e);
        }
    }

    // ---- SWITCH and RETIRE ---------------------------------------------------------------------

    private void switchOver() {
        List<Facade> switched = new ArrayList<>();
        List<Facade> removed = new ArrayList<>();
        for (Target t : targets) {
            for (StagedService s : t.services) {
                if (s.facade != null && !s.replaceFacade) {
                    env.registry.switchFacade(s.facade, s.reference, s.object);
                    switched.add(s.facade);
                }
            }
            for (Facade f : t.oldFacades) {
                if (!switched.contains(f)) {
                    removed.add(f);
                }
            }
            env.registry.setRole(t.old, FacadeRegistry.Role.RETIRED);
            env.registry.setRole(t.staged, FacadeRegistry.Role.ACTIVE);
        }
        openGates(); // the pause ends here; registrations change below, with calls flowing
        for (Target t : targets) {
            persist(t);
        }
        for (Facade f : switched) {
            env.registry.refreshProperties(f);
        }
        for (Facade f : removed) {
            env.registry.removeFacade(f);
        }
        if (refresh != null) {
            refresh.perform(env);
        }
        for (Target t : targets) {
            for (StagedService s : t.services) {
                if (s.facade == null || s.replaceFacade) {
                    env.registry.publish(s.reference);
                    env.context.ungetService(s.reference); // the facade holds its own
                }
                if (s.object instanceof Quiescable) {
                    ((Quiescable) s.object).resume();
                }
            }
        }
    }

    /** Makes the new version one the framework starts after a restart (RETIRE clears the old one's flag). */
    private void persist(Target t) {
        try {
            t.staged.start(); // already active: sets its persistent autostart flag
        } catch (BundleException | RuntimeException e) {
            LOG.error("Swap {}: start flags of {} not updated: {}", report.id, t.jar, e.toString());
        }
    }

    private void openGates() {
        for (Facade f : gated) {
            f.gate.open();
        }
        report.pauseMicros = (System.nanoTime() - closedAt) / 1000;
        for (Facade f : gated) {
            report.waitedCalls += f.gate.waitedCalls();
            report.longestWaitMicros = Math.max(report.longestWaitMicros, f.gate.longestWaitNanos() / 1000);
        }
        gated.clear();
    }

    private void retire() throws PhaseFailure {
        StringJoiner failures = new StringJoiner("; ");
        for (Target t : targets) {
            if (t.old.getState() == Bundle.UNINSTALLED) {
                continue; // uninstalled for a refresh: a rollback reinstalls it from its pinned jar
            }
            try {
                t.old.stop(); // stays installed: a rollback returns to it without reinstalling
                LOG.info("Swap {} retired {} {} (bundle {}), now serving {}", report.id, t.old.getSymbolicName(), t.old.getVersion(),
                        t.old.getBundleId(), t.jar);
            } catch (BundleException | RuntimeException e) {
                failures.add(t.old.getSymbolicName() + " " + t.old.getVersion() + " did not stop: " + e.getMessage());
            }
        }
        if (failures.length() > 0) {
            throw new PhaseFailure(SwapPhase.RETIRE, failures.toString());
        }
    }

    // ---- undo ----------------------------------------------------------------------------------

    /** Before SWITCH: reopen the gates on the old objects and remove every staged bundle. */
    private void undo() {
        if (!gated.isEmpty()) {
            openGates();
        }
        for (Quiescable q : suspendedOld) {
            try {
                q.resume();
            } catch (RuntimeException e) {
                LOG.error("Swap {}: resume() of an old object failed while aborting: {}", report.id, e.toString());
            }
        }
        List<Bundle> removed = new ArrayList<>();
        for (Target t : targets) {
            if (t.staged == null) {
                continue;
            }
            for (StagedService s : t.services) {
                if (s.object != null) {
                    env.context.ungetService(s.reference);
                }
            }
            if (t.jar.installed != null) {
                try {
                    t.staged.stop(); // back to retired, still installed
                } catch (BundleException | RuntimeException e) {
                    LOG.error("Swap {}: {} could not be stopped again: {}", report.id, t.jar, e.toString());
                }
                env.registry.setRole(t.staged, FacadeRegistry.Role.RETIRED);
                continue;
            }
            try {
                t.staged.uninstall();
                removed.add(t.staged);
            } catch (BundleException | RuntimeException e) {
                LOG.error("Swap {}: staged {} could not be uninstalled: {}", report.id, t.jar, e.toString());
            }
            env.registry.forget(t.staged);
        }
        if (!removed.isEmpty()) {
            FrameworkWiring fw = env.context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
            if (removed.containsAll(fw.getDependencyClosure(removed))) {
                fw.refreshBundles(removed); // nothing else is wired to them: drop their revisions now
            }
        }
        LOG.info("Swap {} undone: the old versions serve, staged bundles removed", report.id);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * A facade whose implementation was unregistered meanwhile (its DS component was deactivated, e.g.
     * by a configuration change) cannot be swapped from: the swap fails and can simply be retried.
     */
    private static void checkLive(List<Facade> facades, SwapPhase phase) throws PhaseFailure {
        for (Facade f : facades) {
            if (f.implementation().getBundle() == null) {
                throw new PhaseFailure(phase, "service " + f.identity + " was unregistered while the swap began (its component was"
                        + " deactivated, e.g. by a configuration change); retry once it is back");
            }
        }
    }

    private static int intProperty(ServiceReference<?> ref, String key) throws PhaseFailure {
        Object v = ref.getProperty(key);
        Bundle owner = ref.getBundle();
        return intValue(v, key, "service " + ref.getProperty(Constants.SERVICE_ID) + " of " + (owner == null ? "an unregistered service" : owner.getSymbolicName()));
    }

    private static int intProperty(Map<String, Object> props, String key) {
        try {
            return intValue(props.get(key), key, "component " + props.get("component.name"));
        } catch (PhaseFailure e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static int intValue(Object v, String key, String where) throws PhaseFailure {
        if (v instanceof Number) {
            return ((Number) v).intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new PhaseFailure(SwapPhase.VALIDATE, where + " has " + key + "=" + v + "; expected an Integer schema version");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
