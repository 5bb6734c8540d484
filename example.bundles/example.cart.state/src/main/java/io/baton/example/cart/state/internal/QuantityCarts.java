package io.baton.example.cart.state.internal;

import io.baton.example.cart.api.CartService;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Carts as sku-to-quantity maps, with state in schema 2. The cart 2.0.0 component and the test
 * fixture's component (schema 7, the same shape) are this class plus their DS declaration.
 *
 * <p>Thread-safe and keyed as every {@link KeyedLines}: one entry per line, its value the quantity.
 */
public class QuantityCarts extends KeyedLines<Integer> implements CartService {
    @Override
    public synchronized int add(String cartId, String sku, int qty) {
        Args.check(cartId, sku, qty);
        Integer have = line(cartId, sku);
        int total = Args.plus(have == null ? 0 : have, qty, cartId, sku);
        put(cartId, sku, total);
        return total;
    }

    @Override
    public synchronized int remove(String cartId, String sku, int qty) {
        Args.check(cartId, sku, qty);
        Integer have = line(cartId, sku);
        if (have == null) {
            return 0;
        }
        int left = Math.max(0, have - qty);
        if (left > 0) {
            put(cartId, sku, left);
        } else {
            drop(cartId, sku);
        }
        return left;
    }

    @Override
    public synchronized Map<String, Integer> lines(String cartId) {
        SortedMap<String, Integer> lines = cartId == null ? null : carts.get(cartId);
        return lines == null ? new TreeMap<>() : new TreeMap<>(lines);
    }

    /** @return schema 2 plain data, a fresh copy */
    @Override
    public synchronized Map<String, Object> exportState() {
        return Schema2.format(carts);
    }

    /** Replaces all carts; a malformed state is refused (IllegalArgumentException) and nothing changes. */
    @Override
    public void importState(Map<String, Object> state) {
        replaceAll(Schema2.parse(state));
    }

    @Override
    protected Object entryOf(Integer qty) {
        return qty;
    }

    @Override
    protected Integer parseEntry(String key, Object value) {
        return Entries.parseTwo(key, value);
    }
}
