package io.baton.container.rollback.internal;

import io.baton.container.statexfer.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint's snapshots, read from disk on first use: a rollback whose state travels back through
 * down-migrators never needs them, and at 100 MB reading them first is most of the rollback's time.
 * Not thread-safe; used by the one swapping thread.
 */
final class LazySnapshots extends AbstractMap<String, Snapshot> {
    /** Reads the snapshots. */
    interface Reader {
        Map<String, Snapshot> read() throws IOException;
    }

    private final Reader reader;
    private Map<String, Snapshot> loaded;

    LazySnapshots(Reader reader) {
        this.reader = reader;
    }

    /** @throws UncheckedIOException if the checkpoint's state cannot be read (torn, corrupt, gone) */
    @Override
    public Set<Entry<String, Snapshot>> entrySet() {
        if (loaded == null) {
            try {
                loaded = reader.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return loaded.entrySet();
    }
}
