package io.baton.container.core.internal;

import io.baton.container.core.Quiescable;
import io.baton.container.core.SwapPhase;
import io.baton.container.core.spi.BundleRemoval;
import io.baton.container.core.spi.Failures;
import io.baton.container.core.spi.SwapParticipant;
import io.baton.container.statexfer.Migrator;
import io.baton.container.statexfer.Stateful;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STAGE: installs the targets side by side (their services hidden), starts them transiently, waits
 * for their services, gets them, matches them with the old facades again (now from what really
 * registered), suspends the new objects' own threads, and lets the participants prepare before the
 * gates close. Undo: the staged bundles are stopped and uninstalled (a retired version brought back
 * is only stopped), so the framework is as before.
 */
final class StagePhase implements Phase {
    private static final Logger LOG = LoggerFactory.getLogger(StagePhase.class);
    /**
     * How long STAGE waits for the services the old version registered by code (an activator, an
     * activate method): no descriptor says whether the new version registers them, so a service that
     * does not come within this time is REMOVED (or, holding state, aborts the swap).
     */
    static final long UNDECLARED_SETTLE_MILLIS = 500;

    @Override
    public SwapPhase id() {
        return SwapPhase.STAGE;
    }

    @Override
    public void run(SwapContext swap) throws PhaseFailure {
        for (Target t : swap.targets) {
            install(swap, t);
        }
        for (Target t : swap.targets) {
            start(swap, t);
        }
        ServiceMatcher matcher = new ServiceMatcher(swap);
        for (Target t : swap.targets) {
            awaitServices(swap, t);
            matchServices(swap, matcher, t);
        }
        for (Target t : swap.targets) {
            for (StagedService s : t.services) {
                if (s.object instanceof Quiescable) { // no thread of the new object mutates state before import
                    swap.env.apps.run("suspend() of " + s.identity + " " + t.jar.version, swap.request.stageTimeoutMillis, ((Quiescable) s.object)::suspend);
                }
            }
        }
        // what the participants can prepare without the state, they prepare before the gates close
        for (SwapParticipant p : swap.env.participants()) {
            try {
                p.quiescing(swap.ticket);
            } catch (Exception e) {
                throw new PhaseFailure(p.getClass().getSimpleName() + " failed before the gates closed: " + e, e);
            }
        }
    }

    private static void install(SwapContext swap, Target t) throws PhaseFailure {
        if (t.jar.installed != null) {
            t.staged = t.jar.installed; // a retired version comes back: nothing to install
            swap.env.roles.set(t.staged, BundleRoles.Role.STAGED);
            return;
        }
        try {
            t.staged = ManagedInstall.install(swap.env, t.jar);
        } catch (IllegalArgumentException e) {
            throw new PhaseFailure(e.getMessage(), e);
        }
        swap.env.roles.set(t.staged, BundleRoles.Role.STAGED);
        if (swap.env.staging != null) {
            swap.env.staging.mark(t.staged);
        }
        int level = t.old.adapt(BundleStartLevel.class).getStartLevel();
        BundleStartLevel staged = t.staged.adapt(BundleStartLevel.class);
        if (staged.getStartLevel() != level) {
            // Felix applies a start-level change asynchronously; skipped when already right, so that a
            // staged bundle uninstalled by an undo does not race that job
            staged.setStartLevel(level);
        }
        LOG.info("Swap {} staged {} as bundle {}", swap.id(), t.jar, t.staged.getBundleId());
    }

    /**
     * Starts a staged bundle, transiently (if the JVM dies before SWITCH, the next start brings up the
     * old version only), on a thread Baton can give up on: its activator is application code.
     */
    private static void start(SwapContext swap, Target t) throws PhaseFailure {
        if (t.jar.installed != null && t.staged.getState() == Bundle.ACTIVE) {
            return; // a warm standby: active all along, nothing to start
        }
        try {
            swap.env.apps.run(t.jar + " start()", swap.request.stageTimeoutMillis, () -> t.staged.start(Bundle.START_TRANSIENT));
        } catch (PhaseFailure f) {
            Throwable e = f.getCause();
            if (e == null) {
                throw f; // it never returned
            }
            String message = Failures.firstLine(e.getMessage());
            throw new PhaseFailure(t.jar + " failed to start: " + message + (e.getCause() == null ? "" : " (" + Failures.rootCause(e) + ")"), e);
        }
    }

    /**
     * Waits until the staged bundle registered what the old version had up: every service its DS
     * descriptors declare that the old version published (a component that was not active in the old
     * version is not required of the new one), and, for a short while, the services the old version
     * registered by code (which no descriptor announces).
     */
    private static void awaitServices(SwapContext swap, Target t) throws PhaseFailure {
        Set<String> required = new HashSet<>();
        for (Offer o : t.jar.offers()) {
            if (t.oldFacades.stream().anyMatch(f -> f.identity.equals(o.identity))) {
                required.add(o.identity);
            }
        }
        Set<String> undeclared = new HashSet<>();
        t.oldFacades.stream().filter(f -> !f.declared()).forEach(f -> undeclared.add(f.identity));
        long start = System.nanoTime();
        long deadline = start + Duration.ofMillis(swap.request.stageTimeoutMillis).toNanos();
        long settle = start + Duration.ofMillis(Math.min(UNDECLARED_SETTLE_MILLIS, swap.request.stageTimeoutMillis)).toNanos();
        while (true) {
            Set<String> registered = new HashSet<>();
            for (ServiceReference<?> ref : registered(t.staged)) {
                registered.add(ServiceIdentity.of(ref));
            }
            Set<String> missing = new HashSet<>(required);
            missing.removeAll(registered);
            boolean undeclaredSettled = registered.containsAll(undeclared) || System.nanoTime() - settle > 0;
            if (missing.isEmpty() && undeclaredSettled) {
                return;
            }
            if (t.staged.getState() != Bundle.ACTIVE || System.nanoTime() - deadline > 0) {
                throw new PhaseFailure(t.jar + " did not register " + missing + " within " + swap.request.stageTimeoutMillis + " ms"
                        + " (the running version has them up)" + swap.env.componentDiagnosis(t.staged));
            }
            sleep(2);
        }
    }

    /** Gets the staged service objects (activating them) and pairs each with the facade it takes over. */
    private static void matchServices(SwapContext swap, ServiceMatcher matcher, Target t) throws PhaseFailure {
        List<Offer> offers = new ArrayList<>();
        for (ServiceReference<?> ref : registered(t.staged)) {
            if (Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS)).contains(Migrator.class.getName())
                    || !swap.env.hiding.hidden(ref)) {
                continue; // migrators serve the swap itself; services registered under a class get no facade (notHeldStable)
            }
            StagedService s = new StagedService(ServiceIdentity.of(ref), ref);
            t.services.add(s);
            if (usedByBaton(swap, ref)) {
                s.object = swap.env.context.getService(ref); // a warm standby's object, held all along: no activation, no app code
            } else {
                // getting the object activates a delayed component: application code
                s.object = swap.env.apps.call("activation of " + s.identity, swap.request.stageTimeoutMillis, () -> swap.env.context.getService(ref));
            }
            if (s.object == null) {
                throw new PhaseFailure(t.jar + " service " + s.identity + " failed to activate" + swap.env.componentDiagnosis(t.staged));
            }
            offers.add(Offer.of(ref));
            for (Facade f : t.oldFacades) {
                if (f.identity.equals(s.identity)) {
                    s.facade = f;
                    checkTypes(swap, t, s);
                }
            }
        }
        Map<String, StateMove> moves = matcher.match(t, offers, true, List.of());
        for (StagedService s : t.services) {
            s.move = moves.get(s.identity);
            if (s.facade != null && !s.replaceFacade) {
                s.prepared = s.facade.prepare(s.reference); // each consumer's new object, before the pause
            }
        }
    }

    /** @return whether Baton holds this service's object already (a warm standby's), so that getting it runs no application code */
    private static boolean usedByBaton(SwapContext swap, ServiceReference<?> ref) {
        Bundle[] users = ref.getUsingBundles();
        long self = swap.env.context.getBundle().getBundleId();
        for (Bundle b : users == null ? new Bundle[0] : users) {
            if (b.getBundleId() == self) {
                return true;
            }
        }
        return false;
    }

    /** The new object must implement the interfaces the consumers use, and take the state the old one gives. */
    private static void checkTypes(SwapContext swap, Target t, StagedService s) throws PhaseFailure {
        Class<?>[] types;
        try {
            types = Facade.interfaces(s.reference);
        } catch (IllegalArgumentException e) {
            throw new PhaseFailure(t.jar + " service " + s.identity + ": " + e.getMessage(), e);
        }
        Facade.Scope scope = swap.env.facades.scopeOf(s.reference);
        if (scope != s.facade.scope) {
            throw new PhaseFailure(t.jar + " service " + s.identity + " changes its scope from " + s.facade.scope + " to " + scope
                    + "; consumers hold a registration of the old scope, which a swap keeps: give the new version the same scope");
        }
        if (!Arrays.equals(types, s.facade.interfaces)) {
            if (swap.refresh == null) {
                throw new PhaseFailure(t.jar + " service " + s.identity + " implements other " + Arrays.toString(types)
                        + " classes than the consumers use (a different API package wiring); a refresh would be needed");
            }
            s.replaceFacade = true; // other API classes: a new facade after the refresh, the state still carried
        }
        String type = s.facade.stateType();
        if (type == null) {
            return;
        }
        if (!(s.object instanceof Stateful)) {
            throw new PhaseFailure(t.jar + " service " + s.identity + " does not take state " + type + " (needs "
                    + Stateful.STATE_TYPE + "=" + type + " and to implement Stateful); its state would be lost");
        }
        if (!(s.facade.target() instanceof Stateful)) {
            throw new PhaseFailure("running service " + s.identity + " declares state " + type + " but does not implement Stateful");
        }
    }

    private static void undo(SwapContext swap, String what, AppCalls.ThrowingRunnable step) {
        try {
            swap.env.apps.run(what, swap.request.stageTimeoutMillis, step);
        } catch (PhaseFailure e) {
            LOG.error("Swap {}: while undoing STAGE: {}", swap.id(), e.getMessage());
        }
    }

    private static ServiceReference<?>[] registered(Bundle bundle) {
        ServiceReference<?>[] refs = bundle.getRegisteredServices();
        return refs == null ? new ServiceReference<?>[0] : refs;
    }

    @Override
    public void undo(SwapContext swap) {
        List<Bundle> removed = new ArrayList<>();
        for (Target t : swap.targets) {
            if (t.staged == null) {
                continue;
            }
            for (StagedService s : t.services) {
                Facade.release(s.prepared);
                if (s.object != null) {
                    swap.env.context.ungetService(s.reference);
                }
            }
            if (t.jar.installed != null) {
                undo(swap, t.jar + " stop()", t.staged::stop); // back to retired, still installed
                swap.env.roles.set(t.staged, BundleRoles.Role.RETIRED);
            } else {
                removed.add(t.staged);
                swap.env.roles.forget(t.staged);
                if (swap.env.staging != null) {
                    swap.env.staging.clear(t.staged);
                }
            }
        }
        // nothing else is wired to a staged bundle: its revision leaves at once, nobody restarts; its
        // activator's stop() is application code, so a hung one cannot keep the swap from ending
        undo(swap, "removal of the staged bundles", () -> BundleRemoval.uninstallAndRefresh(swap.env.context, removed, true));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
