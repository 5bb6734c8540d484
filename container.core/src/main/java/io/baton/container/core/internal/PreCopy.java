package io.baton.container.core.internal;

import io.baton.container.statexfer.KeyedCopy;
import io.baton.container.statexfer.KeyedState;
import io.baton.container.statexfer.StateTransferException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start of QUIESCE, gates still open: for each kept service whose old and new objects are both
 * {@link KeyedState} and whose migrator chain migrates entries, copies and migrates the state into the
 * new object while the old one serves, in rounds until little changes between two of them. TRANSFER
 * then moves only what changed since ({@link KeyedCopy#finish()}). Every other service keeps the
 * eager path (export, migrate, import in the pause).
 *
 * <p>Bounded by {@code stageTimeoutMillis} per service (application code runs: {@code keys()},
 * {@code entry()}, the entry migrators, {@code putEntries()}); a failure aborts the swap before any
 * gate closed, the new object is dropped with its bundle (STAGE's undo).
 */
final class PreCopy {
    private static final Logger LOG = LoggerFactory.getLogger(PreCopy.class);
    /** Rounds before the pause at most: a writer faster than the copy would otherwise keep it going forever. */
    static final int MAX_ROUNDS = Integer.getInteger("baton.precopy.rounds", 4);
    /** Stop the rounds once a round finds this few changed entries: the pause moves them. */
    static final int DIRTY_LIMIT = Integer.getInteger("baton.precopy.dirtyLimit", 256);

    private PreCopy() {}

    static void run(SwapContext swap) throws PhaseFailure {
        for (Target t : swap.targets) {
            for (StagedService s : t.services) {
                if (s.move == null || s.move.restore != null || s.facade == null || s.replaceFacade
                        || !(s.facade.target() instanceof KeyedState) || !(s.object instanceof KeyedState)
                        || !((KeyedState) s.facade.target()).copiesByEntry() || !((KeyedState) s.object).copiesByEntry()) {
                    continue;
                }
                KeyedState old = (KeyedState) s.facade.target();
                KeyedCopy copy;
                try {
                    copy = swap.env.stateTransfer.keyed(s.move.type, s.move.from, s.move.to, old, (KeyedState) s.object);
                } catch (StateTransferException e) {
                    throw new PhaseFailure(e.getMessage(), e);
                }
                if (copy == null) {
                    swap.report.notes.add("State " + s.move.type + " of " + s.identity + " is keyed, but its migrator chain migrates whole"
                            + " state only: copied in the pause");
                    continue;
                }
                long t0 = System.nanoTime();
                swap.step = "pre-copy of state " + s.move.type + " of " + s.identity;
                try {
                    swap.env.apps.run("pre-copy of state " + s.move.type + " of " + s.identity, swap.request.stageTimeoutMillis,
                            () -> copy.precopy(MAX_ROUNDS, DIRTY_LIMIT));
                } finally {
                    swap.step = null;
                }
                s.keyed = copy;
                s.keyedOld = old;
                LOG.info("Swap {}: state {} of {} pre-copied in {} ms ({} entries, {} bytes, {} rounds)", swap.id(), s.move.type, s.identity,
                        (System.nanoTime() - t0) / 1_000_000, copy.entriesCopied(), copy.bytes(), copy.rounds());
                swap.env.failpoint("during-precopy"); // the new object holds a copy, no gate closed, nothing durable changed
            }
        }
    }

    /** The size cap, checked in TRANSFER as for the eager path, on the entries' keys and values. */
    static void checkCap(SwapContext swap, StagedService s, KeyedCopy copy) throws PhaseFailure {
        if (swap.request.maxStateBytes > 0 && copy.bytes() > swap.request.maxStateBytes) {
            throw new PhaseFailure("State " + s.move.type + " v" + s.move.from + " is " + copy.bytes() + " bytes (the entries of "
                    + s.identity + "), over the cap of " + swap.request.maxStateBytes + " bytes (maxStateBytes)");
        }
    }
}
