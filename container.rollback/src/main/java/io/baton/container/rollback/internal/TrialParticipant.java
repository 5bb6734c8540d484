package io.baton.container.rollback.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.spi.CallStats;
import io.baton.container.core.spi.Engine;
import io.baton.container.core.spi.SwapKind;
import io.baton.container.core.spi.SwapParticipant;
import io.baton.container.core.spi.SwapTicket;
import io.baton.container.rollback.CheckpointInfo;
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

/**
 * The rollback subsystem's part in every deploy and swap: it refuses a swap while another is in
 * TRIAL, pins every jar installed, gathers the checkpoint's bundle set, configurations and call
 * baselines before the gates close, writes the checkpoint with the exported state before the point of
 * no return, and hands the switched swap to {@link Trials}. One {@link PendingSwap} carries a swap's
 * data between the callbacks, which come on the one swapping thread.
 */
final class TrialParticipant implements SwapParticipant {
    private final BundleContext context;
    private final Container container;
    private final Engine engine;
    private final Journal journal;
    private final CheckpointStore store;
    private final PinnedJars pins;
    private final Trials trials;
    private final Supplier<RollbackConfig> config;
    private final Supplier<ServiceComponentRuntime> scr;
    private final Supplier<ConfigurationAdmin> configurationAdmin;
    private volatile PendingSwap pending;

    TrialParticipant(BundleContext context, Container container, Engine engine, Journal journal, CheckpointStore store, PinnedJars pins,
            Trials trials, Supplier<RollbackConfig> config, Supplier<ServiceComponentRuntime> scr,
            Supplier<ConfigurationAdmin> configurationAdmin) {
        this.context = context;
        this.container = container;
        this.engine = engine;
        this.journal = journal;
        this.store = store;
        this.pins = pins;
        this.trials = trials;
        this.config = config;
        this.scr = scr;
        this.configurationAdmin = configurationAdmin;
    }

    @Override
    public void admit(SwapTicket swap) {
        SwapRecord trial = journal.trial();
        if (trial != null && swap.kind() != SwapKind.ROLLBACK) {
            throw new IllegalStateException("Swap " + trial.swapId + " is in TRIAL until " + Instant.ofEpochMilli(trial.probationEndsAt)
                    + "; commit it or roll it back before another swap");
        }
    }

    @Override
    public void installing(String symbolicName, String version, String source, byte[] content) throws IOException {
        pins.pin(symbolicName, version, content);
    }

    /** Before the gates close: the baselines, and for a swap the checkpoint's bundle set and configurations. */
    @Override
    public void quiescing(SwapTicket swap) throws IOException {
        List<CallStats> before = engine.callStats();
        CheckpointInfo info = null;
        Map<String, Map<String, Object>> configurations = Map.of();
        if (swap.kind() == SwapKind.SWAP) { // a rollback returns to a checkpoint; it writes none
            info = checkpointInfo(swap);
            configurations = Configurations.save(context, container.managed(), scr.get(), configurationAdmin.get());
        }
        pending = new PendingSwap(swap, Probation.rates(before), Probation.p99(before), info, configurations);
    }

    /** In the pause: the checkpoint, with the exported state, on disk before the point of no return. */
    @Override
    public void prepare(SwapTicket swap, Map<String, Snapshot> exported) throws IOException {
        PendingSwap p = pendingFor(swap);
        if (p.info != null) {
            p.checkpoint = store.write(p.info, exported, p.configurations, config.get().syncCheckpoints());
        }
    }

    @Override
    public void swapped(SwapTicket swap) {
        PendingSwap p = pendingFor(swap);
        pending = null;
        if (swap.kind() == SwapKind.SWAP) {
            trials.enter(p);
        } // a rollback is recorded by Trials, which asked for it
    }

    /** Every refused or aborted swap is in the history with its phase and cause (a failed rollback is recorded by {@link Trials}). */
    @Override
    public void failed(SwapTicket swap) {
        PendingSwap p = pending;
        if (p != null && p.isFor(swap)) {
            pending = null;
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
