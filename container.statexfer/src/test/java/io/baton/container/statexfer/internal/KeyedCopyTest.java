package io.baton.container.statexfer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.baton.container.statexfer.EntryMigrator;
import io.baton.container.statexfer.MigratorEdge;
import io.baton.container.statexfer.StateTransferException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

/** Pre-copy scenarios: writers run during the rounds; the pause moves the rest and verifies the copy. */
public class KeyedCopyTest {

    private static KeyedCopyImpl copy(Entries from, Entries to) {
        return new KeyedCopyImpl("t", 1, 1, from, to, List.of(), List.of());
    }

    @Test
    public void writesDuringPreCopyAllArriveAndThePauseMovesOnlyTheRest() throws Exception {
        Entries old = new Entries(null);
        for (int i = 0; i < 20_000; i++) {
            old.write("k" + i, "v" + i);
        }
        Entries fresh = new Entries(null);
        fresh.write("left-over", "from the standby's past"); // a rollback target holds entries of its own
        AtomicBoolean run = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        Thread writer = new Thread(() -> {
            for (long n = 0; run.get(); n++) {
                old.write("k" + (n % 25_000), "w" + n); // overwrites and new keys
                if (n % 7 == 0) {
                    old.write("k" + (n % 20_000), null); // removals
                }
                writes.incrementAndGet();
            }
        });
        writer.start();
        KeyedCopyImpl copy = copy(old, fresh);
        try {
            copy.precopy(5, 0);
        } finally {
            run.set(false);
            writer.join();
        }
        // the writer stopped: the "pause"
        copy.finish();
        assertEquals("every entry and every removal arrived", old.all(), fresh.all());
        assertTrue("writes happened during the pre-copy: " + writes.get(), writes.get() > 0);
        assertTrue(copy.rounds() >= 1);
    }

    @Test
    public void aQuietSourceLeavesNothingForThePause() throws Exception {
        Entries old = new Entries(null);
        for (int i = 0; i < 1000; i++) {
            old.write("k" + i, List.of(i, "x", Map.of("n", i)));
        }
        Entries fresh = new Entries(null);
        KeyedCopyImpl copy = copy(old, fresh);
        copy.precopy(3, 10);
        copy.finish();
        assertEquals(0, copy.entriesInPause());
        assertEquals(1000, copy.entriesCopied());
        assertEquals(old.all(), fresh.all());
    }

    @Test
    public void aMissedChangeIsCaughtByTheChecksumInThePause() throws Exception {
        Entries liar = new Entries("k7"); // records every write but those of k7
        for (int i = 0; i < 100; i++) {
            liar.write("k" + i, "v" + i);
        }
        Entries fresh = new Entries(null);
        KeyedCopyImpl copy = copy(liar, fresh);
        copy.precopy(3, 0);
        liar.write("k7", "changed after the pre-copy"); // not in changedSince: the copy of k7 is stale
        try {
            copy.finish();
            fail("a stale entry must not pass the verification");
        } catch (StateTransferException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("missed a write"));
            assertTrue(e.getMessage(), e.getMessage().contains("100 entries"));
        }
        assertEquals("the new object got the stale value: which is why the swap must abort", "v7", fresh.all().get("k7"));
    }

    @Test
    public void entriesAreMigratedOneByOneAlongTheChain() throws Exception {
        Entries old = new Entries(null);
        for (int i = 0; i < 50; i++) {
            old.write("c" + i, List.of("u", "u", "u")); // schema 1: one element per unit
        }
        old.write("empty", List.of());
        EntryMigrator count = new Counting();
        Entries fresh = new Entries(null);
        KeyedCopyImpl copy = new KeyedCopyImpl("t", 1, 2, old, fresh, List.of(new MigratorEdge("t", 1, 2, "test")), List.of(count));
        copy.precopy(2, 0);
        old.write("c3", List.of("u")); // a write before the pause
        copy.finish();
        Map<String, Object> expected = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            expected.put("c" + i, i == 3 ? 1 : 3);
        }
        assertEquals("counts, the empty line dropped by the migrator", expected, fresh.all());
    }

    @Test
    public void aMigratorReturningNonPlainDataNamesTheKeyAndStep() throws Exception {
        Entries old = new Entries(null);
        old.write("bad", "x");
        EntryMigrator wrong = new EntryMigrator() {
            @Override
            public Object migrateEntry(String key, Object value) {
                return new Object();
            }

            @Override
            public Map<String, Object> migrate(Map<String, Object> state) {
                return state;
            }
        };
        KeyedCopyImpl copy = new KeyedCopyImpl("t", 1, 2, old, new Entries(null), List.of(new MigratorEdge("t", 1, 2, "bundle 9")), List.of(wrong));
        try {
            copy.precopy(1, 0);
            fail();
        } catch (StateTransferException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("t 1->2 (bundle 9) returned a wrong value for key bad"));
        }
    }

    /** 1 -> 2: a list of units becomes its count; an empty line is dropped. */
    private static final class Counting implements EntryMigrator {
        @Override
        public Object migrateEntry(String key, Object value) {
            int n = ((List<?>) value).size();
            return n == 0 ? null : n;
        }

        @Override
        public Map<String, Object> migrate(Map<String, Object> state) {
            throw new UnsupportedOperationException("whole state: not used by these tests");
        }
    }
}
