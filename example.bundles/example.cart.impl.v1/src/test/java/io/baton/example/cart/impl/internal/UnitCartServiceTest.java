package io.baton.example.cart.impl.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.baton.container.statexfer.ChangeTracker;
import io.baton.container.statexfer.KeyedState;
import io.baton.example.cart.state.internal.Entries;
import io.baton.example.cart.state.internal.LineKey;
import io.baton.example.cart.state.internal.Migrations;
import io.baton.example.cart.state.internal.QuantityCarts;
import io.baton.example.cart.state.internal.Schema1;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.junit.Test;

public class UnitCartServiceTest {
    private final UnitCartService carts = new UnitCartService();

    /** The keyed view line by line, as Baton's pre-copy moves it, gives what the whole-state migrations give. */
    @Test
    public void keyedViewMigratesLineByLineToSchemaTwoAndBack() {
        carts.add("c1", "b", 3);
        carts.add("c2", "a", 1);
        carts.add("c1", "a", 2);
        carts.remove("c1", "b", 1);
        assertEquals("checksum kept by the writes", sum(carts), carts.checksum());
        QuantityCarts two = new QuantityCarts();
        copy(carts, two, Entries::oneToTwo);
        assertEquals(Migrations.oneToTwo(carts.exportState()), two.exportState());

        UnitCartService back = new UnitCartService();
        back.add("stale", "x", 4); // a warm standby's own past: removed by a null entry
        Map<String, Object> removal = new HashMap<>();
        removal.put(LineKey.of("stale", "x"), null);
        back.putEntries(removal);
        copy(two, back, Entries::twoToOne);
        assertEquals(Map.of("a", 2, "b", 2), back.lines("c1"));
        assertEquals(Map.of("a", 1), back.lines("c2"));
        assertEquals(List.of("c1", "c2"), back.carts());
        assertEquals(sum(back), back.checksum());
        assertEquals(carts.checksum(), back.checksum());
    }

    @Test
    public void aKeyedImportOverTheUnitCapChangesNothing() {
        carts.add("c1", "a", 1);
        Map<String, Object> tooMany = Map.of(LineKey.of("c1", "b"), Entries.one("c1", "b", Schema1.MAX_UNITS));
        assertThrows(IllegalArgumentException.class, () -> carts.putEntries(tooMany));
        assertEquals(Map.of("a", 1), carts.lines("c1"));
    }

    private static void copy(KeyedState source, KeyedState target, BiFunction<String, Object, Object> migrate) {
        Map<String, Object> entries = new HashMap<>();
        for (String key : source.keys()) {
            entries.put(key, migrate.apply(key, source.entry(key)));
        }
        target.putEntries(entries);
    }

    private static long sum(KeyedState state) {
        long sum = 0;
        for (String key : state.keys()) {
            sum += ChangeTracker.hash(key, state.entry(key));
        }
        return sum;
    }

    @Test
    public void keepsOneEntryPerUnitInTheOrderAdded() {
        assertEquals(2, carts.add("c1", "b", 2));
        assertEquals(1, carts.add("c2", "a", 1));
        assertEquals(3, carts.add("c1", "b", 1));
        assertEquals(1, carts.remove("c1", "b", 2));
        assertEquals(Map.of("units", List.of(
                Map.of("cart", "c1", "sku", "b"),
                Map.of("cart", "c2", "sku", "a"))), carts.exportState());
        assertEquals(Map.of("b", 1), carts.lines("c1"));
        assertEquals(List.of("c1", "c2"), carts.carts());
    }

    @Test
    public void removingEverythingDropsLineAndCart() {
        carts.add("c1", "a", 1);
        carts.add("c1", "b", 1);
        assertEquals(0, carts.remove("c1", "a", 9));
        assertEquals(0, carts.remove("c1", "a", 1));
        assertEquals(0, carts.remove("c1", "b", 1));
        assertEquals(List.of(), carts.carts());
        assertEquals(Map.of(), carts.lines("c1"));
    }

    @Test
    public void badArgumentsAndOverCapacityAreRefused() {
        assertEquals("cartId must not be blank, was null",
                assertThrows(IllegalArgumentException.class, () -> carts.add(null, "a", 1)).getMessage());
        assertEquals("qty must be at least 1, was -1",
                assertThrows(IllegalArgumentException.class, () -> carts.remove("c1", "a", -1)).getMessage());
        assertThrows(IllegalStateException.class, () -> carts.add("c1", "a", Schema1.MAX_UNITS + 1));
        assertEquals(List.of(), carts.carts());
    }

    @Test
    public void importReplacesAndExportIsACopy() {
        carts.add("old", "o", 1);
        carts.importState(Map.of("units", List.of(Map.of("cart", "c1", "sku", "a"), Map.of("cart", "c1", "sku", "a"))));
        assertEquals(Map.of("a", 2), carts.lines("c1"));
        assertEquals(List.of("c1"), carts.carts());

        Map<String, Object> state = carts.exportState();
        ((List<?>) state.get("units")).clear();
        assertEquals(Map.of("a", 2), carts.lines("c1"));

        assertEquals("Malformed cart state: state.units is missing",
                assertThrows(IllegalArgumentException.class, () -> carts.importState(Map.of("carts", Map.of()))).getMessage());
        assertEquals(Map.of("a", 2), carts.lines("c1"));
    }

    @Test
    public void concurrentAddsAndRemovesAreNotLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                String cart = "c" + (i % 3);
                calls.add(pool.submit(() -> {
                    carts.add(cart, "a", 2);
                    carts.remove(cart, "a", 1);
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }
        int total = 0;
        for (String cart : carts.carts()) {
            total += carts.lines(cart).get("a");
        }
        assertEquals(4_000, total);
    }
}
