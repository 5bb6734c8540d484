package io.baton.container.rollback.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.spi.CallStats;
import io.baton.container.core.spi.Engine;
import io.baton.container.core.spi.Failpoint;
import io.baton.container.core.spi.SwapKind;
import io.baton.container.core.spi.SwapParticipant;
import io.baton.container.core.spi.SwapTicket;
import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import io.baton.container.statexfer.Snapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollback subsystem's part in every deploy and swap: it refuses a swap while another is in
 * TRIAL, pins every jar installed, gathers the checkpoint's bundle set, configurations and call
 * baselines before the gates close, writes the checkpoint with the exported state before the point of
 * no return, and hands the switched swap to {@link Trials}. One {@link PendingSwap} carries a swap's
 * data between the callbacks, which come on the one swapping thread.
 */
final class TrialParticipant implements SwapParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(TrialParticipant.class);
    private final BundleContext context;
    private final Container container;
    private final Engine engine;
    private final Journal journal;
    private final CheckpointStore store;
    private final PinnedJars pins;
    private final Trials trials;
    private final StoreHealth health;
    private final Supplier<RollbackConfig> config;
    private final Supplier<ServiceComponentRuntime> scr;
    private final Supplier<ConfigurationAdmin> configurationAdmin;
    private volatile PendingSwap pending;

    TrialParticipant(BundleContext context, Container container, Engine engine, Journal journal, CheckpointStore store, PinnedJars pins,
            Trials trials, StoreHealth health, Supplier<RollbackConfig> config, Supplier<ServiceComponentRuntime> scr,
            Supplier<ConfigurationAdmin> configurationAdmin) {
        this.context = context;
        this.container = container;
        this.engine = engine;
        this.journal = journal;
        this.store = store;
        this.pins = pins;
        this.trials = trials;
        this.health = health;
        this.config = config;
        this.scr = scr;
        this.configurationAdmin = configurationAdmin;
    }

    @Override
    public void admit(SwapTicket swap) {
        if (health.degraded() && swap.kind() != SwapKind.ROLLBACK) {
            throw new IllegalStateException("The rollback store is DEGRADED (" + String.join("; ", health.damage())
                    + "): a swap now might not be rolled back; read baton:status, then acknowledge with baton:acknowledge");
        }
        SwapRecord trial = journal.trial();
        if (trial != null && swap.kind() != SwapKind.ROLLBACK) {
            throw new IllegalStateException(trial.state == RecordState.ROLLBACK_FAILED
                    ? "Swap " + trial.swapId + " could not be rolled back (" + trial.failure + "); roll it back (baton:rollback) or commit it before another swap"
                    : "Swap " + trial.swapId + " is in TRIAL until " + Instant.ofEpochMilli(trial.probationEndsAt) + "; commit it or roll it back before another swap");
        }
    }

    @Override
    public void installing(String symbolicName, String version, String source, byte[] content) throws IOException {
        pins.pin(symbolicName, version, content);
    }

    /** Before the gates close: the baselines, and for a swap the checkpoint's bundle set and configurations. */
    @Override
    public void quiescing(SwapTicket swap) throws IOException {
        if (swap.kind() == SwapKind.ROLLBACK) {
            // no probation follows a rollback and it writes no checkpoint: nothing to gather (its time is the callers' wait)
            pending = new PendingSwap(swap, Map.of(), Map.of(), null, Map.of());
            return;
        }
        List<CallStats> before = engine.callStats();
        CheckpointInfo info = null;
        Map<String, Map<String, Object>> configurations = Map.of();
        if (swap.kind() == SwapKind.SWAP) { // a rollback returns to a checkpoint; it writes none
            info = checkpointInfo(swap);
            configurations = Configurations.save(context, container.managed(), scr.get(), configurationAdmin.get());
        }
        PendingSwap p = new PendingSwap(swap, Probation.rates(before), Probation.p99(before), info, configurations);
        if (info != null) {
            // the set a restart returns to if this swap switches and dies before its TRIAL record is durable
            p.checkpoint = store.prepare(info, config.get().syncCheckpoints());
        }
        pending = p;
    }

    /** In the pause: nothing is written; the exported state waits in memory until the gates reopen. */
    @Override
    public void prepare(SwapTicket swap, Map<String, Snapshot> exported) {
        pendingFor(swap).exported = exported;
    }

    /**
     * The gates are open: the checkpoint's state, then the TRIAL record, durable in that order; until
     * the record is, a restart returns to the checkpoint's set (as Erlang/OTP boots the permanent
     * release until the new one is made permanent).
     */
    @Override
    public void swapped(SwapTicket swap) {
        PendingSwap p = pendingFor(swap);
        pending = null;
        if (swap.kind() != SwapKind.SWAP) {
            return; // a rollback is recorded by Trials, which asked for it
        }
        Failpoint.reach(context, "after-switch");
        if (p.checkpoint != null) {
            try {
                p.checkpoint = store.complete(p.checkpoint, p.exported, p.configurations, config.get().syncCheckpoints());
            } catch (IOException | RuntimeException e) {
                LOG.error("Swap {}: the state of checkpoint {} could not be written: {}; a rollback carries the live state down"
                        + " (or loses it where no down-migration exists)", swap.id(), p.checkpoint.id, e.toString());
                swap.report().notes.add("The state of checkpoint " + p.checkpoint.id + " could not be written (" + e.getMessage()
                        + "): a rollback of this swap has no stored state to fall back on");
            }
        }
        trials.enter(p);
        Failpoint.reach(context, "trial-durable");
    }

    /** Every refused or aborted swap is in the history with its phase and cause (a failed rollback is recorded by {@link Trials}). */
    @Override
    public void failed(SwapTicket swap) {
        PendingSwap p = pending;
        if (p != null && p.isFor(swap)) {
            pending = null;
            if (p.checkpoint != null) {
                try {
                    store.discard(p.checkpoint.id); // the swap did not happen: nothing to return to
                } catch (IOException e) {
                    LOG.warn("Prepared checkpoint {} of a failed swap not removed: {}", p.checkpoint.id, e.toString());
                }
            }
        }
        if (swap.kind() == SwapKind.SWAP) {
            trials.recordFailure(swap.report());
        }
    }

    private PendingSwap pendingFor(SwapTicket swap) {
        PendingSwap p = pending;
        if (p == null || !p.isFor(swap)) {
            throw new IllegalStateException("Swap " + swap.id() + " reached the rollback subsystem without passing quiescing()");
        }
        return p;
    }

    private CheckpointInfo checkpointInfo(SwapTicket swap) {
        CheckpointInfo info = new CheckpointInfo();
        info.createdAt = System.currentTimeMillis();
        info.swapId = swap.id();
        for (BundleInfo b : container.managed()) {
            CheckpointInfo.BundleEntry e = new CheckpointInfo.BundleEntry();
            e.symbolicName = b.symbolicName;
            e.version = b.version;
            e.location = b.location;
            e.sha256 = pins.digest(b.symbolicName, b.version);
            Bundle bundle = context.getBundle(b.id);
            e.startLevel = bundle == null ? 0 : bundle.adapt(BundleStartLevel.class).getStartLevel();
            e.state = b.state;
            info.bundles.add(e);
        }
        return info;
    }
}
