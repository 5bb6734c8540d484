package io.baton.container.rollback.internal;

import io.baton.container.core.Container;
import io.baton.container.core.PhaseTiming;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapInProgressException;
import io.baton.container.core.SwapStatus;
import io.baton.container.core.spi.BundleRemoval;
import io.baton.container.core.spi.Engine;
import io.baton.container.core.spi.Failures;
import io.baton.container.core.spi.ManagedLocation;
import io.baton.container.core.spi.SwapKind;
import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.rollback.RecordKind;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swap in TRIAL and its way out, each transition through the {@link Journal} (which enforces
 * {@link RecordState}'s table): a switched swap enters TRIAL and its probation starts; commit makes it
 * permanent; rollback swaps back to its checkpoint. Thread-safe: transitions are serialized on this
 * object; the swaps themselves on the engine's lock.
 */
final class Trials implements ProbationScheduler.Outcome {
    private static final Logger LOG = LoggerFactory.getLogger(Trials.class);

    /** Makes the detectors for a swap entering TRIAL. */
    interface Probations {
        Probation create(SwapRecord trial, PendingSwap swap);
    }

    private final BundleContext context;
    private final Container container;
    private final Engine engine;
    private final Journal journal;
    private final CheckpointStore store;
    private final PinnedJars pins;
    private final ProbationScheduler scheduler;
    private final Probations probations;
    private final Supplier<RollbackConfig> config;
    private final Supplier<ConfigurationAdmin> configurationAdmin;
    private final LifecycleEvents events;

    Trials(BundleContext context, Container container, Engine engine, Journal journal, CheckpointStore store, PinnedJars pins,
            ProbationScheduler scheduler, Probations probations, Supplier<RollbackConfig> config,
            Supplier<ConfigurationAdmin> configurationAdmin, LifecycleEvents events) {
        this.context = context;
        this.container = container;
        this.engine = engine;
        this.journal = journal;
        this.store = store;
        this.pins = pins;
        this.scheduler = scheduler;
        this.probations = probations;
        this.config = config;
        this.configurationAdmin = configurationAdmin;
        this.events = events;
    }

    /** A swap switched: it is journaled in TRIAL and its probation starts. */
    synchronized void enter(PendingSwap swap) {
        SwapReport report = swap.ticket.report();
        SwapRecord r = record(RecordKind.SWAP, report);
        r.state = RecordState.TRIAL;
        r.checkpointId = swap.checkpoint == null ? null : swap.checkpoint.id;
        r.refreshClosure = new ArrayList<>(report.refreshClosure);
        long probationMillis = swap.ticket.request().probationMillis >= 0 ? swap.ticket.request().probationMillis : config.get().probationMillis();
        r.probationEndsAt = System.currentTimeMillis() + probationMillis;
        try {
            r = journal.add(r);
        } catch (IOException e) {
            LOG.error("Swap {} could not be journaled: {}", report.id, e.toString());
        }
        scheduler.start(probations.create(r, swap), config.get().checkIntervalMillis(), this);
        events.post("TRIAL", r);
        LOG.info("Swap {} in TRIAL until its probation ends in {} ms (checkpoint {})", report.id, probationMillis, r.checkpointId);
    }

    /** A swap was refused or aborted: recorded, so that history shows every attempt. */
    synchronized void recordFailure(SwapReport report) {
        SwapRecord r = record(RecordKind.SWAP, report);
        r.state = report.status == SwapStatus.REFUSED ? RecordState.REFUSED : RecordState.ABORTED;
        r.failedPhase = report.failedPhase == null ? null : report.failedPhase.name();
        try {
            journal.add(r);
        } catch (IOException e) {
            LOG.error("Swap {} {} not journaled: {}", report.id, r.state, e.toString());
        }
    }

    @Override
    public synchronized void ended(String swapId) {
        SwapRecord trial = journal.trial();
        if (trial != null && swapId.equals(trial.swapId)) {
            commit();
        }
    }

    @Override
    public synchronized boolean failed(String swapId, Verdict verdict) {
        SwapRecord trial = journal.trial();
        if (trial == null || !swapId.equals(trial.swapId) || trial.state != RecordState.TRIAL) {
            return true; // already decided
        }
        try {
            rollback(verdict);
            return true;
        } catch (SwapInProgressException busy) {
            LOG.warn("Swap {} must be rolled back ({}), but {}; tried again at the next check", swapId, verdict, busy.getMessage());
            return false;
        }
    }

    /** Makes the swap in TRIAL permanent: journaled first, then its old bundles are uninstalled. */
    synchronized SwapRecord commit() {
        SwapRecord trial = requireTrial("commit");
        SwapRecord commit = new SwapRecord();
        commit.kind = RecordKind.COMMIT;
        commit.swapId = trial.swapId;
        commit.checkpointId = trial.checkpointId;
        commit.targets = trial.targets;
        commit.startedAt = System.currentTimeMillis();
        List<Bundle> retired = retiredBundles();
        try {
            // the decision first: once COMMITTED is durable, a restart keeps the new set whatever happens next
            journal.transition(trial, RecordState.COMMITTED, t -> { });
        } catch (IOException e) {
            // probation goes on watching: the commit that is owed is tried again at its next check
            throw new UncheckedIOException("Commit of " + trial.swapId + " could not be journaled; it stays in TRIAL", e);
        }
        scheduler.stop();
        List<Bundle> removable = removable(retired, commit.notes);
        for (Bundle b : retired) {
            if (!removable.contains(b) && b.getState() == Bundle.ACTIVE) {
                stopQuietly(b); // a warm standby that must stay installed (it provides packages): stopped now
            }
        }
        BundleRemoval.uninstallAndRefresh(context, removable, false);
        commit.state = RecordState.DONE;
        commit.endedAt = System.currentTimeMillis();
        try {
            commit = journal.add(commit);
        } catch (IOException e) {
            LOG.error("Commit of {} done but its record not journaled: {}", trial.swapId, e.toString());
        }
        prune();
        LOG.info("Swap {} COMMITTED: {} old bundles uninstalled", trial.swapId, retired.size());
        events.post("COMMITTED", commit);
        return commit;
    }

    synchronized SwapRecord rollback(Verdict verdict) {
        SwapRecord trial = requireTrial("roll back");
        if (trial.checkpointId == null) {
            throw new IllegalStateException("Swap " + trial.swapId + " has no checkpoint to roll back to");
        }
        return rollbackTo(trial.checkpointId, false, verdict);
    }

    /**
     * Swaps back to a checkpoint's set, through the same phases and gates as any swap. The swap back may
     * refresh what the swap in TRIAL refreshed (it undoes an API change the same way), or anything if
     * {@code allowRefresh}.
     */
    synchronized SwapRecord rollbackTo(String checkpointId, boolean allowRefresh, Verdict verdict) {
        CheckpointInfo checkpoint = store.find(checkpointId);
        SwapRecord trial = journal.trial();
        SwapRecord record = new SwapRecord();
        record.kind = RecordKind.ROLLBACK;
        record.swapId = trial == null ? null : trial.swapId;
        record.checkpointId = checkpointId;
        record.detector = verdict.detector;
        record.evidence = verdict.evidence;
        record.startedAt = System.currentTimeMillis();
        RollbackPlanner.Plan plan;
        try {
            plan = RollbackPlanner.of(context, store).plan(checkpoint, container.managed());
        } catch (IllegalStateException e) {
            return failed(record, trial, "the checkpoint " + checkpointId + " cannot be used: " + e.getMessage() + "; staying on the current set");
        }
        if (plan.isEmpty()) {
            return failed(record, trial, "the running set already is checkpoint " + checkpointId);
        }
        SwapRequest request = new SwapRequest();
        request.targets = plan.targets;
        request.allowRefresh = allowRefresh || (trial != null && trial.refreshClosure != null && !trial.refreshClosure.isEmpty());
        SwapReport report;
        if (verdict.signalledAt != 0) {
            record.detectionMicros = (verdict.detectedAt - verdict.signalledAt) / 1000;
        }
        long swapStart = System.nanoTime();
        try {
            // another swap or a deploy holding the lock: SwapInProgressException, nothing changed, the caller may retry
            report = engine.swap(request, SwapKind.ROLLBACK, new LazySnapshots(() -> store.snapshots(checkpoint)), null);
        } catch (SwapInProgressException busy) {
            throw busy;
        } catch (Throwable t) { // an Error in the swap back must not leave the trial silently abandoned
            LOG.error("The swap back to {} threw", checkpointId, t);
            return failed(record, trial, "the swap back threw " + Failures.rootCause(t) + "; staying on the current set, checkpoint "
                    + checkpointId + " kept");
        }
        record.rollbackMicros = (System.nanoTime() - verdict.detectedAt) / 1000;
        if (report.servingMicros > 0) {
            record.servingMicros = (swapStart - verdict.detectedAt) / 1000 + report.servingMicros;
        }
        copy(report, record);
        if (report.status != SwapStatus.SWAPPED) {
            return failed(record, trial, report.failure + "; staying on the current set, checkpoint " + checkpointId + " kept");
        }
        scheduler.stop();
        try {
            Configurations.restore(store.configurations(checkpoint), configurationAdmin.get());
        } catch (IOException | RuntimeException e) {
            record.notes.add("Configurations of " + checkpointId + " could not be restored: " + e);
        }
        try {
            // journal first: the versions the swap back replaced are removed only once this is durable
            if (trial != null) {
                journal.transition(trial, RecordState.ROLLED_BACK, t -> {
                    t.detector = verdict.detector;
                    t.evidence = verdict.evidence;
                });
            }
            record.state = RecordState.DONE;
            record.endedAt = System.currentTimeMillis();
            record = journal.add(record);
        } catch (IOException e) {
            LOG.error("Rollback to {} done but not journaled: {}; the replaced versions stay installed", checkpointId, e.toString());
            return record;
        }
        List<Bundle> replaced = new ArrayList<>();
        plan.replaced.forEach(id -> {
            Bundle b = context.getBundle(id);
            if (b != null) {
                replaced.add(b);
            }
        });
        BundleRemoval.uninstallAndRefresh(context, replaced, false);
        prune();
        LOG.info("Rolled back to {} in {} us after {} ({}); notes: {}", checkpointId, record.rollbackMicros, verdict.detector,
                verdict.evidence, record.notes);
        events.post("ROLLED_BACK", record);
        return record;
    }

    /**
     * A rollback that did not happen: recorded FAILED, and the swap it was for (if any) moves to
     * ROLLBACK_FAILED, its probation stopped: visible, waiting for an operator, never silently abandoned.
     */
    private SwapRecord failed(SwapRecord record, SwapRecord trial, String failure) {
        if (trial != null && trial.state == RecordState.TRIAL) {
            scheduler.stop();
            try {
                journal.transition(trial, RecordState.ROLLBACK_FAILED, t -> t.failure = failure);
            } catch (IOException e) {
                LOG.error("Swap {} could not be marked ROLLBACK_FAILED: {}", trial.swapId, e.toString());
            }
        }
        return failed(record, failure);
    }

    private SwapRecord failed(SwapRecord record, String failure) {
        record.state = RecordState.FAILED;
        record.failure = failure;
        record.endedAt = System.currentTimeMillis();
        try {
            record = journal.add(record);
        } catch (IOException e) {
            LOG.error("Failed rollback not journaled: {}", e.toString());
        }
        LOG.error("Rollback to {} FAILED: {}", record.checkpointId, failure);
        events.post("ROLLBACK_FAILED", record);
        return record;
    }

    private SwapRecord requireTrial(String what) {
        SwapRecord trial = journal.trial();
        if (trial == null) {
            throw new IllegalStateException("Nothing to " + what + ": no swap is in TRIAL");
        }
        return trial;
    }

    /** Managed bundles that are installed but not serving: the old versions kept for a rollback. */
    private List<Bundle> retiredBundles() {
        Set<Long> serving = new HashSet<>();
        container.managed().forEach(b -> serving.add(b.id));
        List<Bundle> retired = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (ManagedLocation.isManaged(b) && !serving.contains(b.getBundleId())) {
                retired.add(b);
            }
        }
        return retired;
    }

    /**
     * The retired bundles that can go without restarting anybody: those no bundle outside them is
     * wired to. A retired bundle that still provides packages to others (a substitutable export: the
     * new version and its consumers use the old revision's API package) stays installed and stopped,
     * and is removed by a later commit once nothing uses it; {@code notes} says so.
     */
    private List<Bundle> removable(List<Bundle> retired, List<String> notes) {
        FrameworkWiring fw = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        List<Bundle> removable = new ArrayList<>();
        for (Bundle b : retired) {
            List<String> users = new ArrayList<>();
            for (Bundle d : fw.getDependencyClosure(List.of(b))) {
                if (!retired.contains(d)) {
                    users.add(d.getSymbolicName() + " " + d.getVersion());
                }
            }
            if (users.isEmpty()) {
                removable.add(b);
            } else {
                String note = b.getSymbolicName() + " " + b.getVersion() + " (bundle " + b.getBundleId() + ") stays installed, stopped: it"
                        + " provides packages to " + users + ", which would restart if it went; a later commit removes it once nothing uses it";
                notes.add(note);
                LOG.info("Commit: {}", note);
            }
        }
        return removable;
    }

    private static void stopQuietly(Bundle b) {
        try {
            b.stop();
        } catch (BundleException | RuntimeException e) {
            LOG.error("Commit: {} {} (bundle {}) could not be stopped: {}", b.getSymbolicName(), b.getVersion(), b.getBundleId(), e.toString());
        }
    }

    private void prune() {
        try {
            store.prune(pins.digestsOf(container.managed()));
        } catch (IOException e) {
            LOG.error("Checkpoints not pruned: {}", e.toString());
        }
    }

    private static SwapRecord record(RecordKind kind, SwapReport report) {
        SwapRecord r = new SwapRecord();
        r.kind = kind;
        copy(report, r);
        r.startedAt = System.currentTimeMillis() - report.totalMicros / 1000;
        r.endedAt = System.currentTimeMillis();
        return r;
    }

    private static void copy(SwapReport report, SwapRecord r) {
        if (r.swapId == null) {
            r.swapId = report.id;
        }
        r.targets = new ArrayList<>(report.targets);
        r.phaseMicros = new LinkedHashMap<>();
        for (PhaseTiming p : report.phases) {
            r.phaseMicros.put(p.phase.name(), p.micros);
        }
        r.pauseMicros = report.pauseMicros;
        r.notes = new ArrayList<>(report.notes);
        r.failure = report.failure;
    }
}
