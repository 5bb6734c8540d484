package io.baton.container.shell.internal.repo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Test;

/** When indexes are read again, and what a failing one leaves behind. */
public class IndexCacheTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private final IndexCache cache = new IndexCache(this::read, 30_000, now::get);

    private IndexReader.Index read(String location) {
        reads.computeIfAbsent(location, l -> new AtomicInteger()).incrementAndGet();
        if (failing.getOrDefault(location, false)) {
            throw new IllegalArgumentException("Repository " + location + " did not answer within 10 ms (read timeout)");
        }
        return new IndexReader.Index(location, IndexFormat.R5, List.of());
    }

    private int reads(String location) {
        return reads.getOrDefault(location, new AtomicInteger()).get();
    }

    @After
    public void close() {
        cache.close();
    }

    @Test
    public void aCopyIsUsedUntilItIsOlderThanMaxAgeThenReadAgain() {
        IndexReader.Index first = cache.current(List.of("a")).indexes.get(0);
        now.addAndGet(29_999);
        assertSame("young enough", first, cache.current(List.of("a")).indexes.get(0));
        assertEquals(1, reads("a"));

        now.addAndGet(1);
        cache.current(List.of("a"));
        assertEquals("read again at maxAge", 2, reads("a"));
    }

    @Test
    public void aFailingIndexKeepsItsLastGoodCopyIsReportedAndIsNotRetriedBeforeMaxAge() {
        IndexReader.Index good = cache.current(List.of("a", "b")).indexes.get(0);
        failing.put("a", true);
        now.addAndGet(30_000);

        IndexCache.Snapshot snapshot = cache.current(List.of("a", "b"));

        assertEquals(2, snapshot.indexes.size());
        assertSame("the last good copy", good, snapshot.indexes.get(0));
        assertEquals(List.of("Repository a did not answer within 10 ms (read timeout) (its last good copy is used)"), snapshot.problems);
        now.addAndGet(1_000);
        assertEquals("the failure stands for maxAge too", 1, cache.current(List.of("a", "b")).problems.size());
        assertEquals(2, reads("a"));
    }

    @Test
    public void anIndexThatNeverReadLeavesTheOthersUsable() {
        failing.put("dead", true);

        IndexCache.Snapshot snapshot = cache.current(List.of("dead", "b"));

        assertEquals(1, snapshot.indexes.size());
        assertEquals("b", snapshot.indexes.get(0).location);
        assertTrue(snapshot.problems.get(0), snapshot.problems.get(0).startsWith("Repository dead did not answer"));
    }

    @Test
    public void readNowReadsWhateverTheAgeAndThrowsTheReason() {
        cache.current(List.of("a"));
        cache.readNow("a");
        assertEquals(2, reads("a"));
        failing.put("a", true);
        assertEquals("Repository a did not answer within 10 ms (read timeout)",
                assertThrows(IllegalArgumentException.class, () -> cache.readNow("a")).getMessage());
    }
}
