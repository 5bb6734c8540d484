package io.baton.example.cart.state.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cart state schema 1 (cart 1.0.0): one entry per unit added, in the order added.
 *
 * <pre>{@code {"units": [ {"cart": "c1", "sku": "a"}, {"cart": "c1", "sku": "a"}, ... ]}}</pre>
 *
 * <p>Because every unit is an entry, the schema is capped at {@link #MAX_UNITS} units: beyond that a
 * v1 cart (or a migration down to it) would exhaust the heap instead of failing cleanly.
 */
public final class Schema1 {
    public static final String UNITS = "units";
    public static final String CART = "cart";
    public static final String SKU = "sku";
    /** The most units a schema 1 state holds. */
    public static final int MAX_UNITS = 100_000;

    /** One unit of {@code sku} in cart {@code cart}. */
    public record Unit(String cart, String sku) {
        public boolean is(String cartId, String skuId) {
            return cart.equals(cartId) && sku.equals(skuId);
        }
    }

    private Schema1() {}

    /**
     * @return the units of a schema 1 state, in order, as a fresh mutable list
     * @throws IllegalArgumentException if the state is malformed or holds more than {@link #MAX_UNITS}
     */
    public static List<Unit> parse(Map<String, Object> state) {
        Map<String, Object> root = Plain.map(state, "state");
        List<?> entries = Plain.list(Plain.field(root, UNITS, "state"), "state." + UNITS);
        requireCapacity(entries.size());
        List<Unit> units = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String path = "state." + UNITS + "[" + i + "]";
            Map<String, Object> entry = Plain.map(entries.get(i), path);
            units.add(new Unit(Plain.id(Plain.field(entry, CART, path), path + "." + CART),
                    Plain.id(Plain.field(entry, SKU, path), path + "." + SKU)));
        }
        return units;
    }

    /** @return a fresh schema 1 state of {@code units}, in their order */
    public static Map<String, Object> format(List<Unit> units) {
        List<Object> entries = new ArrayList<>(units.size());
        for (Unit unit : units) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(CART, unit.cart());
            entry.put(SKU, unit.sku());
            entries.add(entry);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put(UNITS, entries);
        return state;
    }

    /** @throws IllegalArgumentException if {@code units} units do not fit in schema 1 */
    public static void requireCapacity(long units) {
        if (units > MAX_UNITS) {
            throw new IllegalArgumentException("Cart state schema 1 holds one entry per unit, at most "
                    + MAX_UNITS + " units; this state has " + units);
        }
    }
}
