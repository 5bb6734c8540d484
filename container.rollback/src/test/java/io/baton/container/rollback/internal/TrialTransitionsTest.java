package io.baton.container.rollback.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.baton.container.rollback.RecordKind;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The trial's transition table, as the journal enforces it: every legal move and every illegal one. */
public class TrialTransitionsTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private Journal journal() {
        Journal journal = new Journal(tmp.getRoot().toPath(), new ArrayList<>());
        journal.open();
        return journal;
    }

    private static SwapRecord record(RecordKind kind, RecordState state) {
        SwapRecord r = new SwapRecord();
        r.kind = kind;
        r.state = state;
        r.swapId = "swap-1";
        return r;
    }

    @Test
    public void theTableListsExactlyTheMovesOutOfTrial() {
        for (RecordState from : RecordState.values()) {
            for (RecordState to : RecordState.values()) {
                boolean legal = from == RecordState.TRIAL && (to == RecordState.COMMITTED || to == RecordState.ROLLED_BACK);
                assertEquals(from + " -> " + to, legal, from.canMoveTo(to));
            }
        }
        assertEquals(EnumSet.of(RecordState.TRIAL, RecordState.REFUSED, RecordState.ABORTED), RecordState.initial(RecordKind.SWAP));
        assertEquals(EnumSet.of(RecordState.DONE, RecordState.FAILED), RecordState.initial(RecordKind.ROLLBACK));
        assertEquals(EnumSet.of(RecordState.DONE, RecordState.FAILED), RecordState.initial(RecordKind.COMMIT));
    }

    @Test
    public void everyLegalMoveIsJournaled() throws IOException {
        for (RecordState end : List.of(RecordState.COMMITTED, RecordState.ROLLED_BACK)) {
            Journal journal = journal();
            SwapRecord trial = journal.add(record(RecordKind.SWAP, RecordState.TRIAL));

            SwapRecord moved = journal.transition(trial, end, r -> r.detector = "manual");

            assertEquals(end, moved.state);
            assertEquals("manual", moved.detector);
            assertEquals(end, journal.history(1).get(0).state);
            assertEquals(null, journal.trial());
        }
    }

    @Test
    public void everyIllegalMoveIsRefusedAndNothingChanges() throws IOException {
        for (RecordState from : RecordState.values()) {
            for (RecordState to : RecordState.values()) {
                if (from.canMoveTo(to)) {
                    continue;
                }
                Journal journal = journal();
                SwapRecord r = journal.add(record(from == RecordState.TRIAL ? RecordKind.SWAP : RecordKind.SWAP, RecordState.TRIAL));
                if (from != RecordState.TRIAL) {
                    r = reach(journal, r, from);
                }
                List<SwapRecord> before = journal.history(10);
                try {
                    journal.transition(r, to, x -> { });
                    fail(from + " -> " + to + " must be refused");
                } catch (IllegalStateException expected) {
                    assertTrue(expected.getMessage(), expected.getMessage().contains("cannot go from " + from + " to " + to));
                }
                assertEquals(before.toString(), journal.history(10).toString());
            }
        }
    }

    /** Brings a record to {@code state}: through the table for a swap in TRIAL, else as a new record of a kind that starts there. */
    private static SwapRecord reach(Journal journal, SwapRecord trial, RecordState state) throws IOException {
        if (state == RecordState.COMMITTED || state == RecordState.ROLLED_BACK) {
            return journal.transition(trial, state, x -> { });
        }
        return journal.add(record(RecordState.initial(RecordKind.SWAP).contains(state) ? RecordKind.SWAP : RecordKind.ROLLBACK, state));
    }

    @Test
    public void aRecordCannotStartInAStateItsKindDoesNotStartIn() throws IOException {
        Journal journal = journal();
        for (RecordKind kind : RecordKind.values()) {
            for (RecordState state : RecordState.values()) {
                if (RecordState.initial(kind).contains(state)) {
                    continue;
                }
                try {
                    journal.add(record(kind, state));
                    fail(kind + " in " + state + " must be refused");
                } catch (IllegalStateException expected) {
                    assertTrue(expected.getMessage(), expected.getMessage().contains("cannot start in state " + state));
                }
            }
        }
        assertEquals(0, journal.history(10).size());
    }

    @Test
    public void aFailedWriteLeavesMemoryAndDiskAgreeing() throws IOException {
        Journal journal = journal();
        SwapRecord trial = journal.add(record(RecordKind.SWAP, RecordState.TRIAL)); // generation 1: journal-b.json
        // generation 2 goes to journal-a.json; a non-empty folder in its place makes the write fail (even for root)
        Files.createDirectories(tmp.getRoot().toPath().resolve("journal-a.json").resolve("in-the-way"));
        try {
            journal.transition(trial, RecordState.COMMITTED, x -> { });
            fail("the write must fail");
        } catch (IOException expected) {
            // the write failed
        }
        assertEquals("still in TRIAL in memory", "swap-1", journal.trial().swapId);
        assertEquals("still in TRIAL on disk", "swap-1", journal().trial().swapId);
    }
}
