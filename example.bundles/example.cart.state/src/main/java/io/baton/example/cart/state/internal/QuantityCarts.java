package io.baton.example.cart.state.internal;

import io.baton.container.statexfer.ChangeTracker;
import io.baton.container.statexfer.KeyedState;
import io.baton.example.cart.api.CartService;
import java.util.ArrayList;
import java.util.Collection;
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
 *
 * <p>Keyed state: one entry per line ({@link LineKey} to the quantity, see {@link Entries}), every
 * write recorded in a {@link ChangeTracker} under the same lock, so Baton pre-copies the lines while
 * this version serves and moves in its pause only those changed since.
 */
public class QuantityCarts implements CartService, KeyedState {
    /** cart id to (sku to quantity); no empty carts, no quantities below 1. Guarded by {@code this}. */
    private final SortedMap<String, SortedMap<String, Integer>> carts = new TreeMap<>();
    private final ChangeTracker changes = new ChangeTracker();

    @Override
    public synchronized int add(String cartId, String sku, int qty) {
        Args.check(cartId, sku, qty);
        SortedMap<String, Integer> lines = carts.computeIfAbsent(cartId, id -> new TreeMap<>());
        int total = Args.plus(lines.getOrDefault(sku, 0), qty, cartId, sku);
        lines.put(sku, total);
        changes.changed(LineKey.of(cartId, sku), total);
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
        changes.changed(LineKey.of(cartId, sku), left > 0 ? left : null);
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
            changes.clear();
            carts.forEach((cart, lines) -> lines.forEach((sku, qty) -> changes.changed(LineKey.of(cart, sku), qty)));
        }
    }

    @Override
    public long mark() {
        return changes.mark();
    }

    @Override
    public Collection<String> changedSince(long mark) {
        return changes.changedSince(mark);
    }

    @Override
    public long checksum() {
        return changes.checksum();
    }

    @Override
    public synchronized Collection<String> keys() {
        List<String> keys = new ArrayList<>();
        carts.forEach((cart, lines) -> lines.keySet().forEach(sku -> keys.add(LineKey.of(cart, sku))));
        return keys;
    }

    @Override
    public synchronized Object entry(String key) {
        String[] line = LineKey.parse(key);
        SortedMap<String, Integer> lines = carts.get(line[0]);
        return lines == null ? null : lines.get(line[1]);
    }

    /** Sets or removes lines; all are checked before any is set, so a malformed batch changes nothing. */
    @Override
    public void putEntries(Map<String, Object> entries) {
        Map<String, Integer> parsed = new java.util.LinkedHashMap<>();
        entries.forEach((key, value) -> {
            LineKey.parse(key);
            parsed.put(key, value == null ? null : Entries.parseTwo(key, value));
        });
        synchronized (this) {
            parsed.forEach((key, qty) -> {
                String[] line = LineKey.parse(key);
                if (qty == null) {
                    SortedMap<String, Integer> lines = carts.get(line[0]);
                    if (lines != null && lines.remove(line[1]) != null && lines.isEmpty()) {
                        carts.remove(line[0]);
                    }
                } else {
                    carts.computeIfAbsent(line[0], id -> new TreeMap<>()).put(line[1], qty);
                }
                changes.changed(key, qty);
            });
        }
    }
}
