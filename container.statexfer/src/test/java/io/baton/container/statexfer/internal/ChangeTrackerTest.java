package io.baton.container.statexfer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import io.baton.container.statexfer.ChangeTracker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

public class ChangeTrackerTest {

    @Test
    public void changedSinceListsEachKeyOnceAfterTheMarkRemovalsIncluded() {
        ChangeTracker t = new ChangeTracker();
        t.changed("a", 1);
        long m = t.mark();
        t.changed("b", 2);
        t.changed("a", 3);
        t.changed("b", null);
        assertEquals(List.of("a", "b"), t.changedSince(m));
        assertEquals(List.of(), t.changedSince(t.mark()));
    }

    @Test
    public void checksumIsTheSumOfTheCurrentEntriesWhateverTheHistory() {
        ChangeTracker t = new ChangeTracker();
        t.changed("a", "x");
        t.changed("b", "y");
        t.changed("a", "z");
        t.changed("c", "w");
        t.changed("c", null);
        assertEquals(ChangeTracker.hash("a", "z") + ChangeTracker.hash("b", "y"), t.checksum());
    }

    @Test
    public void clearReportsEveryKeyAsRemoved() {
        ChangeTracker t = new ChangeTracker();
        t.changed("a", 1);
        t.changed("b", 2);
        long m = t.mark();
        t.clear();
        t.changed("a", 1);
        assertEquals(List.of("b", "a"), t.changedSince(m));
        assertEquals(ChangeTracker.hash("a", 1), t.checksum());
    }

    @Test
    public void hashIsByContent() {
        Map<String, Object> m1 = new LinkedHashMap<>();
        m1.put("x", 1);
        m1.put("y", new byte[] {1, 2, 3});
        Map<String, Object> m2 = new TreeMap<>();
        m2.put("y", new byte[] {1, 2, 3});
        m2.put("x", 1L); // a number is a number
        assertEquals(ChangeTracker.hash("k", m1), ChangeTracker.hash("k", m2));
        assertNotEquals(ChangeTracker.hash("k", m1), ChangeTracker.hash("j", m1));
        assertNotEquals(ChangeTracker.hash("k", List.of(1, 2)), ChangeTracker.hash("k", List.of(2, 1)));
        assertNotEquals(ChangeTracker.hash("k", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}), ChangeTracker.hash("k", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 8}));
    }
}
