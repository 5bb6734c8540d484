package io.baton.container.rollback.internal;

import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swap journal: every record, persisted after each change as a new generation
 * ({@code journal-a.json} and {@code journal-b.json} in turn, the newer valid one wins on read), so a
 * crash or a corrupt file loses at most the last change, and says so.
 *
 * <p>Journal first: a change is written durably before it becomes visible in memory, so a failed write
 * leaves memory and disk agreeing on the previous state. Every state change is checked against
 * {@link RecordState}'s table; an illegal one is refused with an {@link IllegalStateException}.
 * Thread-safe (synchronized). Records handed out are copies: change them only through this class.
 */
final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** What is stored. */
    public static final class Content {
        public long generation;
        public long seq;
        public List<SwapRecord> records = new ArrayList<>();

        Content next() {
            Content c = new Content();
            c.generation = generation + 1;
            c.seq = seq;
            c.records = new ArrayList<>(records);
            return c;
        }
    }

    /** History kept in the journal. */
    static final int MAX_RECORDS = 1000;

    private final Path dir;
    private final List<String> problems;
    private final StoreHealth health;
    private Content content = new Content();

    Journal(Path dir, List<String> problems) {
        this(dir, problems, new StoreHealth());
    }

    /** @param health told of a generation that cannot be read: the store runs DEGRADED until an operator acknowledges */
    Journal(Path dir, List<String> problems, StoreHealth health) {
        this.dir = dir;
        this.problems = problems;
        this.health = health;
    }

    private volatile boolean damagedAtOpen;

    /** @return whether a generation could not be read at {@link #open()}: what was read may be older than the truth */
    boolean damagedAtOpen() {
        return damagedAtOpen;
    }

    /** Reads the newest valid generation. */
    synchronized void open() {
        Content best = null;
        for (String name : List.of("journal-a.json", "journal-b.json")) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            try {
                Content c = Json.MAPPER.readValue(AtomicFiles.read(file), Content.class);
                if (best == null || c.generation > best.generation) {
                    best = c;
                }
            } catch (IOException | RuntimeException e) {
                String problem = "Journal " + file + " is unreadable (" + e.getMessage() + "); the other generation is used and this one's last"
                        + " change may be lost; the file is moved to " + quarantine(file);
                LOG.error(problem);
                problems.add(problem);
                damagedAtOpen = true;
                if (health != null) {
                    health.damaged(problem);
                }
            }
        }
        content = best == null ? new Content() : best;
    }

    private static Path quarantine(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
        try {
            Files.move(file, aside);
            return aside;
        } catch (IOException e) {
            return file; // left where it is; the next write of that generation replaces it
        }
    }

    /** @return a copy of the swap in TRIAL, or null */
    synchronized SwapRecord trial() {
        for (int i = content.records.size() - 1; i >= 0; i--) {
            SwapRecord r = content.records.get(i);
            if (r.state.isOpen()) {
                return copy(r);
            }
        }
        return null;
    }

    /**
     * Adds a record, numbered, in a state its kind may start in, and persists.
     *
     * @return the record as journaled (numbered)
     * @throws IllegalStateException if its state is not one its kind starts in; nothing is written
     * @throws IOException if it could not be written; the journal is unchanged
     */
    synchronized SwapRecord add(SwapRecord record) throws IOException {
        if (record.kind == null || !RecordState.initial(record.kind).contains(record.state)) {
            throw new IllegalStateException("A " + record.kind + " record cannot start in state " + record.state + "; expected one of "
                    + (record.kind == null ? "[]" : RecordState.initial(record.kind)));
        }
        Content next = content.next();
        SwapRecord added = copy(record);
        added.seq = ++next.seq;
        next.records.add(added);
        persist(next);
        return copy(added);
    }

    /**
     * Moves a record to another state (and lets {@code change} fill in why), then persists.
     *
     * @return the record as journaled
     * @throws IllegalStateException if the table does not allow the move, or the record is unknown; nothing is written
     * @throws IOException if it could not be written; the journal is unchanged
     */
    synchronized SwapRecord transition(SwapRecord record, RecordState to, Consumer<SwapRecord> change) throws IOException {
        int index = indexOf(record.seq);
        SwapRecord current = content.records.get(index);
        if (!current.state.canMoveTo(to)) {
            throw new IllegalStateException("Record " + current.seq + " (" + current.kind + " " + current.swapId + ") cannot go from "
                    + current.state + " to " + to + "; allowed from " + current.state + ": " + current.state.next());
        }
        SwapRecord moved = copy(current);
        moved.state = to;
        change.accept(moved);
        moved.state = to; // the change fills in why, not where to
        Content next = content.next();
        next.records.set(index, moved);
        persist(next);
        return copy(moved);
    }

    /** @return whether any record names this checkpoint */
    synchronized boolean references(String checkpointId) {
        return content.records.stream().anyMatch(r -> checkpointId.equals(r.checkpointId));
    }

    synchronized List<SwapRecord> history(int max) {
        List<SwapRecord> newestFirst = new ArrayList<>();
        for (int i = content.records.size() - 1; i >= 0 && newestFirst.size() < max; i--) {
            newestFirst.add(copy(content.records.get(i)));
        }
        return newestFirst;
    }

    private int indexOf(long seq) {
        for (int i = content.records.size() - 1; i >= 0; i--) {
            if (content.records.get(i).seq == seq) {
                return i;
            }
        }
        throw new IllegalStateException("No journal record " + seq);
    }

    /** Writes {@code next} as the newest generation; only then does it become the content. */
    private void persist(Content next) throws IOException {
        while (next.records.size() > MAX_RECORDS && !next.records.get(0).state.isOpen()) {
            next.records.remove(0); // history is bounded; the newest records stay
        }
        String name = next.generation % 2 == 0 ? "journal-a.json" : "journal-b.json";
        AtomicFiles.write(dir.resolve(name), Json.MAPPER.writeValueAsBytes(next));
        content = next;
    }

    private static SwapRecord copy(SwapRecord r) {
        return Json.MAPPER.convertValue(r, SwapRecord.class);
    }
}
