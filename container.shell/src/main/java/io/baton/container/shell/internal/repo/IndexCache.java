package io.baton.container.shell.internal.repo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexes as last read. A deploy by name uses each index's copy while it is younger than
 * {@code maxAge}, and reads the older ones again, all at once and each bounded by the read timeouts;
 * an index that cannot be read keeps its last good copy (if any), and its failure is reported and not
 * retried before {@code maxAge} either, so a repository that never answers costs at most one bounded
 * wait per {@code maxAge}, and deploys that name nothing read no index at all. Thread-safe.
 */
final class IndexCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexCache.class);

    /** One index's state: its last good copy (or null), its last failure (or null), and when it was last read. */
    private static final class Entry {
        final IndexReader.Index index;
        final String failure;
        final long readAtMillis;

        Entry(IndexReader.Index index, String failure, long readAtMillis) {
            this.index = index;
            this.failure = failure;
            this.readAtMillis = readAtMillis;
        }
    }

    /** What a deploy resolves from: the usable indexes in the operator's order, and what went wrong with the others. */
    static final class Snapshot {
        final List<IndexReader.Index> indexes;
        final List<String> problems;

        Snapshot(List<IndexReader.Index> indexes, List<String> problems) {
            this.indexes = List.copyOf(indexes);
            this.problems = List.copyOf(problems);
        }
    }

    private final Function<String, IndexReader.Index> reader;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Entry>> reading = new ConcurrentHashMap<>();
    private final ExecutorService pool;

    /**
     * @param reader reads one index, throwing {@link IllegalArgumentException} with the reason
     * @param clock milliseconds, for the age of the copies
     */
    IndexCache(Function<String, IndexReader.Index> reader, long maxAgeMillis, LongSupplier clock) {
        this.reader = reader;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "baton-repository-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads an index now, whatever its age (a repository being added, or refreshed by hand).
     *
     * @throws IllegalArgumentException why it cannot be used
     */
    IndexReader.Index readNow(String location) {
        Entry entry = read(location).join();
        if (entry.failure != null) {
            throw new IllegalArgumentException(entry.failure);
        }
        return entry.index;
    }

    /** @return the copies of these indexes, reading again (in parallel) the ones older than {@code maxAge} */
    Snapshot current(List<String> locations) {
        Map<String, CompletableFuture<Entry>> pending = new java.util.LinkedHashMap<>();
        for (String location : locations) {
            Entry e = entries.get(location);
            pending.put(location, e != null && clock.getAsLong() - e.readAtMillis < maxAgeMillis ? CompletableFuture.completedFuture(e) : read(location));
        }
        List<IndexReader.Index> indexes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        pending.forEach((location, future) -> {
            Entry e = future.join();
            if (e.index != null) {
                indexes.add(e.index);
            }
            if (e.failure != null) {
                problems.add(e.failure + (e.index == null ? "" : " (its last good copy is used)"));
            }
        });
        return new Snapshot(indexes, problems);
    }

    /** @return the last good copy of an index, without reading it, or null */
    IndexReader.Index copy(String location) {
        Entry e = entries.get(location);
        return e == null ? null : e.index;
    }

    /** @return the last failure of an index, or null */
    String failure(String location) {
        Entry e = entries.get(location);
        return e == null ? null : e.failure;
    }

    void forget(String location) {
        entries.remove(location);
    }

    /** One read per index at a time: concurrent deploys share it. */
    private CompletableFuture<Entry> read(String location) {
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> running = reading.putIfAbsent(location, mine);
        if (running != null) {
            return running;
        }
        try {
            pool.execute(() -> mine.complete(readAndRemember(location, mine)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            mine.complete(readAndRemember(location, mine)); // closing: read on the caller's thread
        }
        return mine;
    }

    private Entry readAndRemember(String location, CompletableFuture<Entry> mine) {
        Entry previous = entries.get(location);
        Entry next;
        try {
            IndexReader.Index index = reader.apply(location);
            LOG.info("Repository {} read: {}, {} bundles", location, index.format.label, index.bundles.size());
            next = new Entry(index, null, clock.getAsLong());
        } catch (RuntimeException | Error e) {
            // an Error too: a waiting deploy must get an answer, and the next read another chance
            String failure = e instanceof IllegalArgumentException ? e.getMessage() : "Repository " + location + " cannot be read: " + e;
            LOG.warn("{}", failure);
            next = new Entry(previous == null ? null : previous.index, failure, clock.getAsLong());
        }
        entries.put(location, next);
        reading.remove(location, mine);
        return next;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
