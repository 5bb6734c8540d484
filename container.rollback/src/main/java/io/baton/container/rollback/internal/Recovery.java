package io.baton.container.rollback.internal;

import io.baton.container.core.spi.Engine;
import io.baton.container.core.TargetInfo;
import io.baton.container.core.spi.Failpoint;
import io.baton.container.core.spi.Failures;
import io.baton.container.core.spi.ManagedLocation;
import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.rollback.RecordKind;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery, run when Baton starts (start level 2, before managed bundles at level 3): if the
 * last run died with a swap in TRIAL, or after a checkpoint that no journal record names (it died
 * between the checkpoint and the switch), the managed set returns to that checkpoint's set with its
 * state, as Erlang/OTP boots the permanent release when the new one was never made permanent. A
 * crash after commit keeps the new set. Idempotent: every step checks what is already done, and the
 * journal is written last, so dying during recovery and starting again ends in the same place.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final BundleContext context;
    private final Engine engine;
    private final CheckpointStore store;
    private final Journal journal;
    private final StoreHealth health;

    Recovery(BundleContext context, Engine engine, CheckpointStore store, Journal journal, StoreHealth health) {
        this.context = context;
        this.engine = engine;
        this.store = store;
        this.journal = journal;
        this.health = health;
    }

    /** Never throws: whatever goes wrong is reported (the store DEGRADED) and the container starts. */
    void run() {
        try {
            recover();
        } catch (Throwable t) { // a damaged store must not keep the rollback subsystem from starting
            LOG.error("Crash recovery failed", t);
            health.damaged("crash recovery failed: " + Failures.rootCause(t) + "; the bundles start as they were");
        }
    }

    private void recover() throws IOException, BundleException {
        SwapRecord trial = journal.trial();
        if (journal.damagedAtOpen()) {
            // the newest generation is lost: the one read may be older than the truth (a swap it shows in TRIAL
            // may have been committed since), so acting on it could undo a commit; the operator decides
            health.damaged("crash recovery skipped: the journal was damaged, so the last swap's fate is not known for sure"
                    + (trial == null ? "" : " (the readable generation shows " + trial.swapId + " " + trial.state + ")")
                    + "; the bundles start as the framework kept them: check baton:status, then baton:rollback or baton:commit");
            return;
        }
        CheckpointInfo target = null;
        String reason;
        if (trial != null) {
            reason = "Baton restarted while swap " + trial.swapId + " was " + trial.state;
            try {
                target = store.read(trial.checkpointId);
            } catch (IOException e) {
                damaged(trial.checkpointId, "its description is unreadable (" + e.getMessage() + ")");
            }
        } else {
            List<CheckpointInfo> checkpoints = store.list();
            if (checkpoints.isEmpty() || journal.references(checkpoints.get(0).id)) {
                return; // the last swap was recorded (and committed or rolled back): nothing to undo
            }
            target = checkpoints.get(0);
            reason = "Baton restarted before swap " + target.swapId + " was recorded as switched";
        }
        long t0 = System.nanoTime();
        SwapRecord record = new SwapRecord();
        if (target != null) {
            LOG.warn("Crash recovery: {}; returning to checkpoint {}", reason, target.id);
            try {
                engine.restoreAtStart(store.snapshots(target)); // first: the old version may start at once
                record.notes.add(target.stateSha256 == null
                        ? "Checkpoint " + target.id + " had no state yet (the swap died before its TRIAL record was durable): the previous"
                                + " versions serve without the state they had, as after any crash"
                        : "State restored from checkpoint " + target.id + "; writes made after it were lost with the process");
            } catch (IOException e) { // the store reported it DEGRADED and moved the files aside
                LOG.error("Crash recovery: the state of checkpoint {} is unreadable ({}); the previous versions serve without it", target.id,
                        e.getMessage());
                record.notes.add("The state of checkpoint " + target.id + " was unreadable: the previous versions serve without it");
            }
            restoreSet(target);
        } else if (trial != null) {
            // the checkpoint is gone: the trial's own record still says which versions it replaced
            LOG.warn("Crash recovery: {}; returning to the versions the swap replaced, from its journal record", reason);
            restoreFromRecord(trial);
            record.notes.add("Checkpoint " + trial.checkpointId + " was unreadable: the previous versions serve, without their state");
        }
        Failpoint.reach(context, "recovery");
        record.kind = RecordKind.ROLLBACK;
        record.state = RecordState.DONE;
        record.swapId = trial != null ? trial.swapId : target.swapId;
        record.checkpointId = target != null ? target.id : trial.checkpointId;
        record.detector = "restart";
        record.evidence = reason;
        record.startedAt = System.currentTimeMillis();
        record.endedAt = record.startedAt;
        record.rollbackMicros = (System.nanoTime() - t0) / 1000;
        try {
            if (trial != null) {
                journal.transition(trial, RecordState.ROLLED_BACK, t -> {
                    t.detector = "restart";
                    t.evidence = reason;
                });
            }
            journal.add(record);
        } catch (IOException e) {
            LOG.error("Crash recovery done but not journaled: {}", e.toString());
        }
        LOG.info("Crash recovery returned to {} in {} us", record.checkpointId, record.rollbackMicros);
    }

    private void damaged(String checkpointId, String what) {
        String where;
        try {
            where = "moved to " + store.quarantine(checkpointId);
        } catch (IOException e) {
            where = "could not be moved aside: " + e.getMessage();
        }
        health.damaged("checkpoint " + checkpointId + ": " + what + "; its files " + where);
    }

    /** The versions a swap replaced, still installed (retired), made the ones that start again. */
    private void restoreFromRecord(SwapRecord trial) throws BundleException {
        for (TargetInfo t : trial.targets) {
            Bundle previous = managed(t.symbolicName, t.fromVersion);
            if (previous == null) {
                health.damaged("crash recovery: " + t.symbolicName + " " + t.fromVersion + " is no longer installed and its checkpoint is"
                        + " unreadable: " + t.symbolicName + " " + t.toVersion + " keeps serving");
                continue;
            }
            for (Bundle other : context.getBundles()) {
                if (other.getBundleId() != previous.getBundleId() && t.symbolicName.equals(other.getSymbolicName()) && ManagedLocation.isManaged(other)) {
                    other.uninstall();
                }
            }
            previous.start();
            LOG.info("Crash recovery: {} {} (bundle {}) serves", previous.getSymbolicName(), previous.getVersion(), previous.getBundleId());
        }
    }

    private Bundle managed(String symbolicName, String version) {
        for (Bundle b : context.getBundles()) {
            if (ManagedLocation.isManaged(b) && symbolicName.equals(b.getSymbolicName()) && b.getVersion().toString().equals(version)) {
                return b;
            }
        }
        return null;
    }

    /** Makes the checkpoint's versions the ones that start, and removes the versions that replaced them. */
    private void restoreSet(CheckpointInfo target) throws IOException, BundleException {
        for (CheckpointInfo.BundleEntry e : target.bundles) {
            Bundle keep = context.getBundle(e.location);
            if (keep == null) {
                if (e.sha256 == null || !Files.isRegularFile(store.pinned(e.sha256))) {
                    throw new IOException(e.symbolicName + " " + e.version + " is not installed and has no pinned jar");
                }
                try (InputStream in = Files.newInputStream(store.pinned(e.sha256))) {
                    keep = context.installBundle(e.location, in);
                }
                if (e.startLevel > 0) {
                    keep.adapt(BundleStartLevel.class).setStartLevel(e.startLevel);
                }
            }
            for (Bundle other : context.getBundles()) {
                if (other.getBundleId() != keep.getBundleId() && e.symbolicName.equals(other.getSymbolicName())
                        && ManagedLocation.isManaged(other)) {
                    LOG.info("Crash recovery: removing {} {} (bundle {})", other.getSymbolicName(), other.getVersion(), other.getBundleId());
                    other.uninstall();
                }
            }
            if (!keep.adapt(BundleStartLevel.class).isPersistentlyStarted()) {
                keep.start();
            }
            LOG.info("Crash recovery: {} {} (bundle {}) serves", keep.getSymbolicName(), keep.getVersion(), keep.getBundleId());
        }
    }
}
