package io.baton.example.cart.state.internal;

import io.baton.container.statexfer.Stateful;
import io.baton.example.cart.api.CartService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Carts as sku-to-quantity maps, with state in schema 2. The cart 2.0.0 component and the test
 * fixture's component (schema 7, the same shape) are this class plus their DS declaration.
 *
 * <p>Thread-safe: one lock (this object) guards all carts. A cart call is a few map operations, so a
 * single lock costs little, and it makes {@link #exportState()} a consistent snapshot for free.
 */
public class QuantityCarts implements CartService, Stateful {
    /** cart id to (sku to quantity); no empty carts, no quantities below 1. Guarded by {@code this}. */
    private final SortedMap<String, SortedMap<String, Integer>> carts = new TreeMap<>();

    @Override
    public synchronized int add(String cartId, String sku, int qty) {
        Args.check(cartId, sku, qty);
        SortedMap<String, Integer> lines = carts.computeIfAbsent(cartId, id -> new TreeMap<>());
        int total = Args.plus(lines.getOrDefault(sku, 0), qty, cartId, sku);
        lines.put(sku, total);
        return total;
    }

    @Override
    public synchronized int remove(String cartId, String sku, int qty) {
        Args.check(cartId, sku, qty);
        SortedMap<String, Integer> lines = carts.get(cartId);
        Integer have = lines == null ? null : lines.get(sku);
        if (have == null) {
            return 0;
        }
        int left = Math.max(0, have - qty);
        if (left > 0) {
            lines.put(sku, left);
        } else {
            lines.remove(sku);
            if (lines.isEmpty()) {
                carts.remove(cartId);
            }
        }
        return left;
    }

    @Override
    public synchronized Map<String, Integer> lines(String cartId) {
        SortedMap<String, Integer> lines = cartId == null ? null : carts.get(cartId);
        return lines == null ? new TreeMap<>() : new TreeMap<>(lines);
    }

    @Override
    public synchronized List<String> carts() {
        return new ArrayList<>(carts.keySet());
    }

    /** @return schema 2 plain data, a fresh copy */
    @Override
    public synchronized Map<String, Object> exportState() {
        return Schema2.format(carts);
    }

    /** Replaces all carts; a malformed state is refused (IllegalArgumentException) and nothing changes. */
    @Override
    public void importState(Map<String, Object> state) {
        SortedMap<String, SortedMap<String, Integer>> parsed = Schema2.parse(state);
        synchronized (this) {
            carts.clear();
            carts.putAll(parsed);
        }
    }
}
