package io.baton.example.cart.state.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

public class QuantityCartsTest {
    private final QuantityCarts carts = new QuantityCarts();

    @Test
    public void addAndRemoveKeepQuantitiesAndDropEmptyLinesAndCarts() {
        assertEquals(2, carts.add("c1", "b", 2));
        assertEquals(5, carts.add("c1", "b", 3));
        assertEquals(1, carts.add("c1", "a", 1));
        assertEquals(Map.of("a", 1, "b", 5), carts.lines("c1"));
        assertTrue(carts.lines("c1") instanceof TreeMap);

        assertEquals(4, carts.remove("c1", "b", 1));
        assertEquals(0, carts.remove("c1", "b", 10));
        assertEquals(0, carts.remove("c1", "zz", 1));
        assertEquals(0, carts.remove("nope", "a", 1));
        assertEquals(List.of("c1"), carts.carts());
        assertEquals(0, carts.remove("c1", "a", 1));
        assertEquals(List.of(), carts.carts());
        assertEquals(Map.of(), carts.lines("c1"));
        assertEquals(Map.of(), carts.lines(null));
    }

    @Test
    public void badArgumentsAreNamed() {
        assertEquals("cartId must not be blank, was ' '",
                assertThrows(IllegalArgumentException.class, () -> carts.add(" ", "a", 1)).getMessage());
        assertEquals("sku must not be blank, was null",
                assertThrows(IllegalArgumentException.class, () -> carts.remove("c1", null, 1)).getMessage());
        assertEquals("qty must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> carts.add("c1", "a", 0)).getMessage());
        carts.add("c1", "a", Integer.MAX_VALUE);
        assertThrows(IllegalArgumentException.class, () -> carts.add("c1", "a", 1));
        assertEquals(Integer.MAX_VALUE, (int) carts.lines("c1").get("a"));
    }

    @Test
    public void exportIsAFreshCopyAndImportReplacesEverything() {
        carts.add("c2", "x", 1);
        carts.add("c1", "a", 3);
        Map<String, Object> state = carts.exportState();
        assertEquals(Map.of("carts", Map.of("c1", Map.of("a", 3), "c2", Map.of("x", 1))), state);
        assertEquals(List.of("c1", "c2"), List.copyOf(((Map<?, ?>) state.get("carts")).keySet()));

        carts.add("c1", "a", 1);
        assertEquals(3, ((Map<?, ?>) ((Map<?, ?>) state.get("carts")).get("c1")).get("a"));

        QuantityCarts other = new QuantityCarts();
        other.add("old", "o", 1);
        other.importState(state);
        assertEquals(List.of("c1", "c2"), other.carts());
        ((Map<?, ?>) state.get("carts")).clear();
        assertEquals(Map.of("a", 3), other.lines("c1"));
    }

    @Test
    public void malformedImportIsRefusedAndChangesNothing() {
        carts.add("c1", "a", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> carts.importState(Map.of("cart", Map.of())));
        assertEquals("Malformed cart state: state.carts is missing", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> carts.importState(Map.of("carts", Map.of("c1", Map.of("a", -2)))));
        assertEquals(Map.of("a", 1), carts.lines("c1"));
    }

    @Test
    public void concurrentAddsAndRemovesAreNotLost() throws InterruptedException {
        ConcurrentCalls.run(8, 2_000, (thread, i) -> {
            carts.add("c" + (i % 3), "sku" + (i % 5), 2);
            carts.remove("c" + (i % 3), "sku" + (i % 5), 1);
        });
        int total = 0;
        for (String cart : carts.carts()) {
            total += carts.lines(cart).values().stream().mapToInt(Integer::intValue).sum();
        }
        assertEquals(8 * 2_000, total);
    }
}
