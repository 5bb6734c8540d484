package io.baton.example.cart.state.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Cart state schema 3 (cart 3.0.0 and 3.1.0): per cart, its lines in sku order, each with the
 * quantity and when the line last changed.
 *
 * <pre>{@code {"carts": {"c1": [ {"sku": "a", "qty": 3, "changed": 1767225600000} ]}}}</pre>
 *
 * <p>{@code changed} is epoch milliseconds, exported as a Long.
 */
public final class Schema3 {
    public static final String CARTS = "carts";
    public static final String SKU = "sku";
    public static final String QTY = "qty";
    public static final String CHANGED = "changed";

    /** A cart line: its quantity and when it last changed (epoch milliseconds). */
    public record Line(int qty, long changed) {}

    private Schema3() {}

    /**
     * @return cart id to (sku to line), fresh, mutable and sorted; carts without lines are dropped
     * @throws IllegalArgumentException if the state is malformed (missing keys, a sku twice in a cart, a
     *     quantity below 1, a negative time, ...)
     */
    public static SortedMap<String, SortedMap<String, Line>> parse(Map<String, Object> state) {
        Map<String, Object> root = Plain.map(state, "state");
        String cartsPath = "state." + CARTS;
        SortedMap<String, SortedMap<String, Line>> carts = new TreeMap<>();
        for (Map.Entry<String, Object> cart : Plain.map(Plain.field(root, CARTS, "state"), cartsPath).entrySet()) {
            String cartPath = cartsPath + "." + cart.getKey();
            Plain.id(cart.getKey(), cartsPath + " key");
            List<?> entries = Plain.list(cart.getValue(), cartPath);
            SortedMap<String, Line> lines = new TreeMap<>();
            for (int i = 0; i < entries.size(); i++) {
                String path = cartPath + "[" + i + "]";
                Map<String, Object> entry = Plain.map(entries.get(i), path);
                String sku = Plain.id(Plain.field(entry, SKU, path), path + "." + SKU);
                Line line = new Line(Plain.quantity(Plain.field(entry, QTY, path), path + "." + QTY),
                        Plain.millis(Plain.field(entry, CHANGED, path), path + "." + CHANGED));
                if (lines.put(sku, line) != null) {
                    throw Plain.bad(path + "." + SKU, "repeats sku '" + sku + "' in the cart");
                }
            }
            if (!lines.isEmpty()) {
                carts.put(cart.getKey(), lines);
            }
        }
        return carts;
    }

    /** @return a fresh schema 3 state of {@code carts}, carts and lines in their (sorted) order */
    public static Map<String, Object> format(SortedMap<String, ? extends SortedMap<String, Line>> carts) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends SortedMap<String, Line>> cart : carts.entrySet()) {
            List<Object> lines = new ArrayList<>(cart.getValue().size());
            for (Map.Entry<String, Line> line : cart.getValue().entrySet()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put(SKU, line.getKey());
                entry.put(QTY, line.getValue().qty());
                entry.put(CHANGED, line.getValue().changed());
                lines.add(entry);
            }
            out.put(cart.getKey(), lines);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put(CARTS, out);
        return state;
    }
}
