package io.baton.example.cart.state.internal;

import io.baton.example.cart.state.internal.Schema1.Unit;
import io.baton.example.cart.state.internal.Schema3.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cart state migrations, as pure functions: each parses (and so validates) its input, never
 * modifies it, and returns fresh plain data. The migrator services only wrap these, so the logic is
 * tested without a framework. Down migrations keep everything the lower schema can express.
 */
public final class Migrations {
    private Migrations() {}

    /** 1 -> 2: counts the units of each (cart, sku) into a quantity. */
    public static Map<String, Object> oneToTwo(Map<String, Object> state) {
        SortedMap<String, SortedMap<String, Integer>> carts = new TreeMap<>();
        for (Unit unit : Schema1.parse(state)) {
            carts.computeIfAbsent(unit.cart(), id -> new TreeMap<>()).merge(unit.sku(), 1, Integer::sum);
        }
        return Schema2.format(carts);
    }

    /**
     * 2 -> 1: expands each quantity back into units, carts and skus in sorted order.
     *
     * @throws IllegalArgumentException also if the total exceeds {@link Schema1#MAX_UNITS}
     */
    public static Map<String, Object> twoToOne(Map<String, Object> state) {
        SortedMap<String, SortedMap<String, Integer>> carts = Schema2.parse(state);
        long total = 0;
        for (SortedMap<String, Integer> lines : carts.values()) {
            for (int qty : lines.values()) {
                total += qty;
            }
        }
        Schema1.requireCapacity(total);
        List<Unit> units = new ArrayList<>((int) total);
        carts.forEach((cart, lines) -> lines.forEach((sku, qty) -> {
            Unit unit = new Unit(cart, sku);
            for (int i = 0; i < qty; i++) {
                units.add(unit);
            }
        }));
        return Schema1.format(units);
    }

    /** 2 -> 3: schema 2 does not know when a line changed, so every line is stamped with {@code now}. */
    public static Map<String, Object> twoToThree(Map<String, Object> state, long now) {
        SortedMap<String, SortedMap<String, Line>> carts = new TreeMap<>();
        Schema2.parse(state).forEach((cart, lines) -> {
            SortedMap<String, Line> timed = new TreeMap<>();
            lines.forEach((sku, qty) -> timed.put(sku, new Line(qty, now)));
            carts.put(cart, timed);
        });
        return Schema3.format(carts);
    }

    /** 3 -> 2: drops the {@code changed} times, which schema 2 cannot hold. */
    public static Map<String, Object> threeToTwo(Map<String, Object> state) {
        SortedMap<String, SortedMap<String, Integer>> carts = new TreeMap<>();
        Schema3.parse(state).forEach((cart, lines) -> {
            SortedMap<String, Integer> quantities = new TreeMap<>();
            lines.forEach((sku, line) -> quantities.put(sku, line.qty()));
            carts.put(cart, quantities);
        });
        return Schema2.format(carts);
    }
}
