package io.baton.container.core.internal;

import io.baton.container.core.SwapPhase;
import io.baton.container.core.spi.SwapParticipant;
import io.baton.container.statexfer.Snapshot;
import io.baton.container.statexfer.StateTransferException;
import io.baton.container.statexfer.Stateful;
import java.time.Duration;
import java.util.Map;

/**
 * TRANSFER, gates closed: finishes each keyed copy (the entries changed since QUIESCE's pre-copy, then
 * the checksum verification; see {@link PreCopy}), and exports each other stateful old object's state, captures it as plain data (capped
 * by {@code maxStateBytes}), migrates it along its chain within what is left of the pause (or takes
 * the stored snapshot a rollback brings), imports it into the new object, then lets the participants
 * write what must exist before the point of no return. The old state is only read, so undo has
 * nothing of its own to take back (QUIESCE's undo reopens the gates on the old objects).
 */
final class TransferPhase implements Phase {

    @Override
    public SwapPhase id() {
        return SwapPhase.TRANSFER;
    }

    @Override
    public void run(SwapContext swap) throws PhaseFailure {
        for (Target t : swap.targets) {
            for (StagedService s : t.services) {
                if (s.move != null && s.facade == null) {
                    restore(swap, t, s); // a rollback whose running version lost this service: the checkpoint's state
                } else if (s.keyed != null) {
                    finishKeyed(swap, t, s);
                } else if (s.move != null) {
                    transfer(swap, t, s);
                }
                swap.checkPause();
            }
        }
        if (swap.refresh != null) {
            swap.refresh.exportState(swap.env.stateTransfer, swap.request.maxStateBytes);
        }
        for (SwapParticipant p : swap.env.participants()) {
            try {
                p.prepare(swap.ticket, swap.exported);
            } catch (Exception e) {
                throw new PhaseFailure(p.getClass().getSimpleName() + " failed before the point of no return: " + e, e);
            }
        }
        swap.env.failpoint("before-switch");
        swap.checkPause();
        swap.claimSwitch();
    }

    /** The keyed path: the entries changed since the last pre-copy round, then the verification. */
    private static void finishKeyed(SwapContext swap, Target t, StagedService s) throws PhaseFailure {
        swap.env.apps.run("the last keyed copy of " + s.identity + " " + t.old.getVersion(), swap.pauseLeftMillis(), s.keyed::finish);
        PreCopy.checkCap(swap, s, s.keyed);
        swap.report.stateBytes += s.keyed.bytes();
        swap.report.migrations.stream().filter(m -> m.identity.equals(s.identity)).forEach(m -> m.bytes = s.keyed.bytes());
        swap.report.notes.add("State " + s.move.type + " of " + s.identity + " pre-copied (keyed): " + s.keyed.entriesCopied() + " entries in "
                + s.keyed.rounds() + " rounds while the old version served, " + s.keyed.entriesInPause() + " moved in the pause");
    }

    private static void restore(SwapContext swap, Target t, StagedService s) throws PhaseFailure {
        if (!(s.object instanceof Stateful)) {
            throw new PhaseFailure(t.jar + " service " + s.identity + " does not implement Stateful; the checkpoint's state of it would be lost");
        }
        Map<String, Object> data = s.move.restore.data;
        swap.env.apps.run("importState() of " + s.identity + " " + t.jar.version, swap.pauseLeftMillis(),
                () -> ((Stateful) s.object).importState(data));
        swap.report.stateBytes += s.move.restore.bytes;
    }

    private static void transfer(SwapContext swap, Target t, StagedService s) throws PhaseFailure {
        StateMove move = s.move;
        Stateful old = (Stateful) s.facade.target();
        Map<String, Object> state = swap.env.apps.call("exportState() of " + s.identity + " " + t.old.getVersion(), swap.pauseLeftMillis(),
                old::exportState);
        Snapshot snapshot;
        try {
            snapshot = swap.env.stateTransfer.capture(move.type, move.from, state, swap.request.maxStateBytes);
        } catch (StateTransferException e) {
            throw new PhaseFailure("exportState() of " + s.identity + " " + t.old.getVersion() + " returned unusable state: " + e.getMessage(), e);
        }
        try {
            swap.exported.put(s.identity, snapshot);
            Snapshot migrated;
            if (move.restore != null) {
                migrated = move.restore;
                swap.report.notes.add("No migration chain for " + move.type + " v" + move.from + " -> v" + move.to + " of " + s.identity
                        + ": its state was restored from the checkpoint; writes made since then were dropped");
            } else {
                Duration deadline = Duration.ofMillis(Math.min(swap.request.migrationTimeoutMillis, swap.pauseLeftMillis()));
                migrated = swap.env.stateTransfer.migrate(snapshot, move.to, deadline);
            }
            Map<String, Object> data = migrated.data;
            swap.env.apps.run("importState() of " + s.identity + " " + t.jar.version, swap.pauseLeftMillis(),
                    () -> ((Stateful) s.object).importState(data));
            swap.report.stateBytes += snapshot.bytes;
            swap.report.migrations.stream().filter(m -> m.identity.equals(s.identity)).forEach(m -> m.bytes = snapshot.bytes);
        } catch (StateTransferException e) {
            throw new PhaseFailure(e.getMessage(), e);
        }
    }
}
