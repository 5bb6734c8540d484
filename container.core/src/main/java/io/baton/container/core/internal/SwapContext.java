package io.baton.container.core.internal;

import io.baton.container.core.MigrationInfo;
import io.baton.container.core.Quiescable;
import io.baton.container.core.ServiceChange;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.spi.SwapKind;
import io.baton.container.core.spi.SwapTicket;
import io.baton.container.statexfer.MigratorEdge;
import io.baton.container.statexfer.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one plan or swap knows, handed from phase to phase: the request, the targets, the gates
 * it closed, the state it exported, and the report it fills in. Not thread-safe: one swap is driven
 * by one thread, under the engine's lock.
 */
final class SwapContext {
    final SwapEnvironment env;
    final SwapRequest request;
    final SwapKind kind;
    /** Snapshots a rollback may import where no migrator chain leads back, by identity; loaded on first use. */
    final Map<String, Snapshot> restore;
    final SwapReport report = new SwapReport();
    /** The target jars, read before the lock was taken. */
    final TargetReads reads;
    final SwapTicket ticket;
    /** One per bundle swapped: the jar, the bundle it replaces, and once staged, the new bundle and its services. */
    final List<Target> targets = new ArrayList<>();
    /** Identifies this swap's closed gates (a thread inside one passes the others). */
    final Object token = new Object();
    /** Facades whose gates this swap closed, in closing order. */
    final List<Facade> gated = new ArrayList<>();
    /** Old objects suspended through {@link Quiescable}. */
    final List<Quiescable> suspendedOld = new ArrayList<>();
    /** Snapshots exported in TRANSFER, by service identity, for the participants (checkpoints). */
    final Map<String, Snapshot> exported = new LinkedHashMap<>();
    /** Migrators the targets' DS descriptors declare (VALIDATE); registered ones are found by state transfer. */
    final List<MigratorEdge> declaredMigrators = new ArrayList<>();
    /** Set in VALIDATE when an API change needs its consumers refreshed and the request allows it. */
    RefreshPlan refresh;
    /** What the swap does within its phase, for a refusal's message (e.g. a pre-copy), or null. */
    volatile String step;
    /** When the gates closed (System.nanoTime), 0 while open. */
    volatile long closedAt;
    /**
     * Who owns the closed gates: the swap (CLOSED), the swap on its way through SWITCH (SWITCHING), or
     * the watchdog, which reopened them on the old version because the pause ran past maxPause plus a
     * grace (REOPENED). The two moves out of CLOSED are compare-and-set, so exactly one wins.
     */
    enum Pause { OPEN, CLOSED, SWITCHING, REOPENED }

    final java.util.concurrent.atomic.AtomicReference<Pause> pause = new java.util.concurrent.atomic.AtomicReference<>(Pause.OPEN);

    SwapContext(String id, SwapRequest request, SwapKind kind, Map<String, Snapshot> restore, SwapEnvironment env) {
        this(id, request, kind, restore, env, TargetReads.NONE);
    }

    SwapContext(String id, SwapRequest request, SwapKind kind, Map<String, Snapshot> restore, SwapEnvironment env, TargetReads reads) {
        this.reads = reads;
        this.env = env;
        this.request = request;
        this.kind = kind;
        this.restore = restore == null ? Map.of() : restore;
        this.report.id = id;
        this.ticket = new SwapTicket(id, request, kind, report);
    }

    String id() {
        return report.id;
    }

    /** Fails the swap if the gates have been closed longer than maxPause. */
    void checkPause() throws PhaseFailure {
        long paused = System.nanoTime() - closedAt;
        if (closedAt != 0 && paused > Duration.ofMillis(request.maxPauseMillis).toNanos()) {
            throw new PhaseFailure("the pause reached " + paused / 1_000_000 + " ms, over maxPause of " + request.maxPauseMillis + " ms");
        }
    }

    /** @return milliseconds of maxPause not yet used (at least 1) */
    long pauseLeftMillis() {
        return Math.max(1, request.maxPauseMillis - (System.nanoTime() - closedAt) / 1_000_000);
    }

    /**
     * Claims the switch (end of TRANSFER): from now on only SWITCH opens the gates.
     *
     * @throws PhaseFailure if the watchdog reopened them first: the pause ran too long, the old version serves
     */
    void claimSwitch() throws PhaseFailure {
        if (!pause.compareAndSet(Pause.CLOSED, Pause.SWITCHING)) {
            throw new PhaseFailure("the pause ran past maxPause of " + request.maxPauseMillis + " ms and a grace, and the watchdog reopened"
                    + " the gates on the old version");
        }
    }

    /** When the swap started ({@link System#nanoTime()}), for {@code servingMicros}. */
    long startedNanos = System.nanoTime();

    /** The pause watchdog's watch over this swap's closed gates, or null. */
    java.util.concurrent.ScheduledFuture<?> watch;

    /** Opens every gate this swap closed and records the pause and the waits in the report. */
    void openGates() {
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
        if (gated.isEmpty()) {
            return;
        }
        pause.set(Pause.OPEN);
        for (Facade f : gated) {
            f.open();
        }
        report.pauseMicros = (System.nanoTime() - closedAt) / 1000;
        for (Facade f : gated) {
            report.waitedCalls += f.waitedCalls();
            report.longestWaitMicros = Math.max(report.longestWaitMicros, f.longestWaitNanos() / 1000);
        }
        gated.clear();
        closedAt = 0;
    }

    /**
     * Replaces what the report says about the services of one target (STAGE knows better than
     * VALIDATE), except the INACTIVE ones: only the descriptors know those.
     */
    void forgetServicesOf(String symbolicName) {
        report.services.removeIf(c -> c.identity.startsWith(symbolicName + "|") && c.change != ServiceChange.Kind.INACTIVE);
        report.stateNotCarried.removeIf(identity -> identity.startsWith(symbolicName + "|"));
    }

    void change(String identity, ServiceChange.Kind kind, String reason) {
        report.services.removeIf(c -> c.identity.equals(identity));
        ServiceChange c = new ServiceChange();
        c.identity = identity;
        c.change = kind;
        c.reason = reason;
        report.services.add(c);
    }

    MigrationInfo migration(StateMove move, List<MigratorEdge> chain) {
        report.migrations.removeIf(m -> m.identity.equals(move.identity));
        MigrationInfo m = new MigrationInfo();
        m.identity = move.identity;
        m.stateType = move.type;
        m.fromVersion = move.from;
        m.toVersion = move.to;
        m.restored = move.restore != null;
        chain.forEach(e -> m.chain.add(e.from() + "->" + e.to()));
        report.migrations.add(m);
        return m;
    }
}
