package io.baton.container.statexfer.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PlainDataTest {

    @Test
    public void aCopyIsDeepAndEqual() {
        Map<String, Object> inner = new HashMap<>(Map.of("a", 3));
        List<Object> list = new ArrayList<>(List.of("x", 1L, true));
        Map<String, Object> state = new HashMap<>(Map.of("carts", inner, "list", list, "bytes", new byte[] {1, 2}));

        Map<String, Object> copy = PlainData.copyState(state);

        assertEquals(inner, copy.get("carts"));
        assertNotSame(inner, copy.get("carts"));
        assertNotSame(list, copy.get("list"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) copy.get("bytes"));
        inner.put("b", 1);
        assertEquals("the copy does not follow the original", Map.of("a", 3), copy.get("carts"));
    }

    @Test
    public void aForeignObjectIsRefusedNamingItsPath() {
        Map<String, Object> state = Map.of("carts", Map.of("c1", List.of("ok", new Object())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlainData.copyState(state));
        assertTrue(e.getMessage(), e.getMessage().contains("state.carts.c1[1] is a java.lang.Object"));
    }

    @Test
    public void aMutableNumberIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlainData.copyState(Map.of("n", new java.util.concurrent.atomic.AtomicLong())));
        assertTrue(e.getMessage(), e.getMessage().contains("state.n is a java.util.concurrent.atomic.AtomicLong"));
    }

    @Test
    public void nullStateAndNonStringKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PlainData.copyState(null));
        Map<Object, Object> bad = Map.of(1, "x");
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) (Map<?, ?>) Map.of("m", bad);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlainData.copyState(state));
        assertTrue(e.getMessage(), e.getMessage().contains("expected a String"));
    }

    @Test
    public void sizeGrowsWithContent() {
        long small = PlainData.sizeOf(Map.of("a", "x"));
        long big = PlainData.sizeOf(Map.of("a", "x".repeat(1000)));
        assertTrue(big - small >= 999);
        assertEquals(4 + 1000, PlainData.sizeOf(new byte[1000]));
    }

    @Test
    public void aMapThatContainsItselfIsRefusedNamingWhere() {
        Map<String, Object> state = new HashMap<>();
        Map<String, Object> inner = new HashMap<>();
        state.put("carts", inner);
        inner.put("loop", state);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlainData.copyState(state));

        assertTrue(e.getMessage(), e.getMessage().contains("state.carts.loop refers to a map or list that contains it (a cycle)"));
    }

    @Test
    public void aListThatContainsItselfIsRefused() {
        List<Object> list = new ArrayList<>();
        list.add(list);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlainData.copyState(Map.of("l", list)));

        assertTrue(e.getMessage(), e.getMessage().contains("state.l[0] refers to a map or list that contains it"));
    }

    @Test
    public void theSameMapTwiceIsNotACycle() {
        Map<String, Object> shared = new HashMap<>(Map.of("a", 1));

        Map<String, Object> copy = PlainData.copyState(Map.of("x", shared, "y", shared));

        assertEquals(copy.get("x"), copy.get("y"));
    }

    @Test
    public void nestingDeeperThanTheLimitIsRefusedWithoutOverflowingTheStack() {
        Map<String, Object> state = new HashMap<>();
        Map<String, Object> cursor = state;
        for (int i = 0; i < 100_000; i++) {
            Map<String, Object> next = new HashMap<>();
            cursor.put("n", next);
            cursor = next;
        }

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlainData.copyState(state));

        assertTrue(e.getMessage(), e.getMessage().contains("nests deeper than " + PlainData.MAX_DEPTH + " levels"));
    }
}
