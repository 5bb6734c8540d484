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
 * The swap journal: every record, persisted after each transition as a new generation
 * ({@code journal-a.json} and {@code journal-b.json} in turn, the newer valid one wins on read), so a
 * crash or a corrupt file loses at most the last transition, and says so. Thread-safe (synchronized).
 */
final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** What is stored. */
    public static final class Content {
        public long generation;
        public long seq;
        public List<SwapRecord> records = new ArrayList<>();
    }

    /** History kept in the journal. */
    static final int MAX_RECORDS = 1000;

    private final Path dir;
    private final List<String> problems;
    private Content content = new Content();

    Journal(Path dir, List<String> problems) {
        this.dir = dir;
        this.problems = problems;
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
            } catch (IOException e) {
                String problem = "Journal " + file + " is unreadable; using the other generation: " + e.getMessage();
                LOG.error(problem);
                problems.add(problem);
            }
        }
        content = best == null ? new Content() : best;
    }

    synchronized SwapRecord trial() {
        for (int i = content.records.size() - 1; i >= 0; i--) {
            SwapRecord r = content.records.get(i);
            if (r.state == RecordState.TRIAL) {
                return r;
            }
        }
        return null;
    }

    /** Adds a record (numbered) and persists. */
    synchronized SwapRecord add(SwapRecord record) throws IOException {
        record.seq = ++content.seq;
        content.records.add(record);
        persist();
        return record;
    }

    /** Changes a record and persists. */
    synchronized void update(SwapRecord record, Consumer<SwapRecord> change) throws IOException {
        change.accept(record);
        persist();
    }

    /** @return whether any record names this checkpoint */
    synchronized boolean references(String checkpointId) {
        return content.records.stream().anyMatch(r -> checkpointId.equals(r.checkpointId));
    }

    synchronized List<SwapRecord> history(int max) {
        List<SwapRecord> newestFirst = new ArrayList<>();
        for (int i = content.records.size() - 1; i >= 0 && newestFirst.size() < max; i--) {
            newestFirst.add(content.records.get(i));
        }
        return newestFirst;
    }

    private void persist() throws IOException {
        while (content.records.size() > MAX_RECORDS && content.records.get(0).state != RecordState.TRIAL) {
            content.records.remove(0); // history is bounded; the newest records stay
        }
        content.generation++;
        String name = content.generation % 2 == 0 ? "journal-a.json" : "journal-b.json";
        AtomicFiles.write(dir.resolve(name), Json.MAPPER.writeValueAsBytes(content));
    }
}
