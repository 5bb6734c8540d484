package io.baton.container.core.internal;

import io.baton.container.core.SwapPhase;
import io.baton.container.core.spi.SwapParticipant;
import io.baton.container.statexfer.Snapshot;
import io.baton.container.statexfer.StateTransferException;
import io.baton.container.statexfer.Stateful;
import java.time.Duration;
import java.util.Map;

/**
 * TRANSFER, gates closed: exports each stateful old object's state, captures it as plain data (capped
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
                if (s.move != null) {
                    transfer(swap, t, s);
                    swap.checkPause();
                }
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
    }

    private static void transfer(SwapContext swap, Target t, StagedService s) throws PhaseFailure {
        StateMove move = s.move;
        Map<String, Object> state;
        try {
            state = ((Stateful) s.facade.target()).exportState();
        } catch (RuntimeException e) {
            throw new PhaseFailure("exportState() of " + s.identity + " " + t.old.getVersion() + " failed: " + e, e);
        }
        try {
            Snapshot snapshot = swap.env.stateTransfer.capture(move.type, move.from, state, swap.request.maxStateBytes);
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
            ((Stateful) s.object).importState(migrated.data);
            swap.report.stateBytes += snapshot.bytes;
            swap.report.migrations.stream().filter(m -> m.identity.equals(s.identity)).forEach(m -> m.bytes = snapshot.bytes);
        } catch (StateTransferException e) {
            throw new PhaseFailure(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new PhaseFailure("importState() of " + s.identity + " " + t.jar.version + " refused the migrated state: " + e, e);
        }
    }
}
