package io.baton.example.cart.state.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Cart state schema 2 (cart 2.0.0; the test fixture's schema 7 has the same shape): per cart, sku to
 * quantity.
 *
 * <pre>{@code {"carts": {"c1": {"a": 3, "b": 1}}}}</pre>
 */
public final class Schema2 {
    public static final String CARTS = "carts";

    private Schema2() {}

    /**
     * @return cart id to (sku to quantity), fresh, mutable and sorted; carts without lines are dropped
     * @throws IllegalArgumentException if the state is malformed (missing {@code carts}, a blank id, a
     *     quantity below 1, ...)
     */
    public static SortedMap<String, SortedMap<String, Integer>> parse(Map<String, Object> state) {
        Map<String, Object> root = Plain.map(state, "state");
        String cartsPath = "state." + CARTS;
        SortedMap<String, SortedMap<String, Integer>> carts = new TreeMap<>();
        for (Map.Entry<String, Object> cart : Plain.map(Plain.field(root, CARTS, "state"), cartsPath).entrySet()) {
            String cartPath = cartsPath + "." + cart.getKey();
            Plain.id(cart.getKey(), cartsPath + " key");
            SortedMap<String, Integer> lines = new TreeMap<>();
            for (Map.Entry<String, Object> line : Plain.map(cart.getValue(), cartPath).entrySet()) {
                Plain.id(line.getKey(), cartPath + " key");
                lines.put(line.getKey(), Plain.quantity(line.getValue(), cartPath + "." + line.getKey()));
            }
            if (!lines.isEmpty()) {
                carts.put(cart.getKey(), lines);
            }
        }
        return carts;
    }

    /** @return a fresh schema 2 state of {@code carts}, in their (sorted) order */
    public static Map<String, Object> format(SortedMap<String, ? extends SortedMap<String, Integer>> carts) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends SortedMap<String, Integer>> cart : carts.entrySet()) {
            out.put(cart.getKey(), new LinkedHashMap<String, Object>(cart.getValue()));
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put(CARTS, out);
        return state;
    }
}
