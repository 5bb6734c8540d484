package io.baton.container.rollback.internal;

import io.baton.container.core.spi.Engine;
import io.baton.container.core.spi.Failpoint;
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

    Recovery(BundleContext context, Engine engine, CheckpointStore store, Journal journal) {
        this.context = context;
        this.engine = engine;
        this.store = store;
        this.journal = journal;
    }

    void run() {
        SwapRecord trial = journal.trial();
        CheckpointInfo target;
        String reason;
        try {
            if (trial != null) {
                target = store.read(trial.checkpointId);
                reason = "Baton restarted while swap " + trial.swapId + " was in TRIAL";
            } else {
                List<CheckpointInfo> checkpoints = store.list();
                if (checkpoints.isEmpty() || journal.references(checkpoints.get(0).id)) {
                    return; // the last swap was recorded (and committed or rolled back): nothing to undo
                }
                target = checkpoints.get(0);
                reason = "Baton restarted before swap " + target.swapId + " was recorded as switched";
            }
        } catch (IOException e) {
            LOG.error("Crash recovery cannot read its checkpoint: {}; the bundles start as they are", e.toString());
            return;
        }
        long t0 = System.nanoTime();
        LOG.warn("Crash recovery: {}; returning to checkpoint {}", reason, target.id);
        try {
            engine.restoreAtStart(store.snapshots(target)); // first: the old version may start at once
            restoreSet(target);
        } catch (IOException | BundleException | RuntimeException e) {
            LOG.error("Crash recovery to {} failed: {}; it is tried again at the next start", target.id, e.toString(), e);
            return;
        }
        Failpoint.reach(context, "recovery");
        SwapRecord record = new SwapRecord();
        record.kind = RecordKind.ROLLBACK;
        record.state = RecordState.DONE;
        record.swapId = trial != null ? trial.swapId : target.swapId;
        record.checkpointId = target.id;
        record.detector = "restart";
        record.evidence = reason;
        record.startedAt = System.currentTimeMillis();
        record.endedAt = record.startedAt;
        record.rollbackMicros = (System.nanoTime() - t0) / 1000;
        record.notes.add("State restored from checkpoint " + target.id + "; writes made after it were lost with the process");
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
        LOG.info("Crash recovery returned to {} in {} us", target.id, record.rollbackMicros);
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
