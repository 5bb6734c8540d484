package io.baton.example.cart.state.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class TimedCartsTest {
    private final AtomicLong clock = new AtomicLong(1_000);
    private final TimedCarts carts = new TimedCarts(clock::get) {};

    @Test
    public void linesRememberWhenTheyLastChanged() {
        carts.add("c1", "b", 2);
        clock.set(2_000);
        assertEquals(3, carts.add("c1", "a", 3));
        clock.set(3_000);
        assertEquals(1, carts.remove("c1", "b", 1));
        clock.set(4_000);
        assertEquals(0, carts.remove("c1", "zz", 1));

        assertEquals(Map.of("carts", Map.of("c1", List.of(
                Map.of("sku", "a", "qty", 3, "changed", 2_000L),
                Map.of("sku", "b", "qty", 1, "changed", 3_000L)))), carts.exportState());
        assertEquals(Map.of("a", 3, "b", 1), carts.lines("c1"));
    }

    @Test
    public void removingTheLastUnitDropsLineAndCart() {
        carts.add("c1", "a", 1);
        carts.add("c2", "a", 1);
        assertEquals(0, carts.remove("c1", "a", 5));
        assertEquals(List.of("c2"), carts.carts());
        assertEquals(Map.of(), carts.lines("c1"));
    }

    @Test
    public void importReplacesAndExportRoundTrips() {
        carts.add("old", "o", 1);
        Map<String, Object> state = Map.of("carts", Map.of(
                "c1", List.of(Map.of("sku", "a", "qty", 2, "changed", 5L)),
                "empty", List.of()));
        carts.importState(state);
        assertEquals(List.of("c1"), carts.carts());
        assertEquals(Map.of("carts", Map.of("c1", List.of(Map.of("sku", "a", "qty", 2, "changed", 5L)))), carts.exportState());
    }

    @Test
    public void malformedImportIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> carts.importState(Map.of("carts",
                Map.of("c1", List.of(Map.of("sku", "a", "qty", 2, "changed", -1L))))));
        assertEquals("Malformed cart state: state.carts.c1[0].changed must be epoch milliseconds (not negative), was -1",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> carts.importState(Map.of()));
    }

    @Test
    public void concurrentAddsAreNotLost() throws InterruptedException {
        ConcurrentCalls.run(8, 2_000, (thread, i) -> carts.add("c" + (i % 4), "a", 1));
        int total = 0;
        for (String cart : carts.carts()) {
            total += carts.lines(cart).get("a");
        }
        assertEquals(8 * 2_000, total);
    }
}
