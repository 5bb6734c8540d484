package io.baton.example.cart.state.internal;

import io.baton.container.statexfer.ChangeTracker;
import io.baton.container.statexfer.KeyedState;
import io.baton.example.cart.api.CartService;
import io.baton.example.cart.state.internal.Schema3.Line;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Carts whose lines remember when they last changed, with state in schema 3. The cart 3.0.0 and 3.1.0
 * components are this class plus their DS declaration (3.1.0 adds its faults).
 *
 * <p>Thread-safe: one lock (this object) guards all carts, as in {@link QuantityCarts}. Keyed state as
 * in {@link QuantityCarts}: one entry per line, its value {@code {"qty": 3, "changed": ...}}.
 */
public class TimedCarts implements CartService, KeyedState {
    private final LongSupplier clock;
    /** cart id to (sku to line); no empty carts, no quantities below 1. Guarded by {@code this}. */
    private final SortedMap<String, SortedMap<String, Line>> carts = new TreeMap<>();
    private final ChangeTracker changes = new ChangeTracker();

    public TimedCarts() {
        this(System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds, for the {@code changed} times (a fixed clock in tests) */
    protected TimedCarts(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public synchronized int add(String cartId, String sku, int qty) {
        Args.check(cartId, sku, qty);
        SortedMap<String, Line> lines = carts.computeIfAbsent(cartId, id -> new TreeMap<>());
        Line line = lines.get(sku);
        int total = Args.plus(line == null ? 0 : line.qty(), qty, cartId, sku);
        Line changed = new Line(total, clock.getAsLong());
        lines.put(sku, changed);
        changes.changed(LineKey.of(cartId, sku), Entries.three(changed));
        return total;
    }

    @Override
    public synchronized int remove(String cartId, String sku, int qty) {
        Args.check(cartId, sku, qty);
        SortedMap<String, Line> lines = carts.get(cartId);
        Line line = lines == null ? null : lines.get(sku);
        if (line == null) {
            return 0;
        }
        int left = Math.max(0, line.qty() - qty);
        if (left > 0) {
            Line changed = new Line(left, clock.getAsLong());
            lines.put(sku, changed);
            changes.changed(LineKey.of(cartId, sku), Entries.three(changed));
        } else {
            changes.changed(LineKey.of(cartId, sku), null);
            lines.remove(sku);
            if (lines.isEmpty()) {
                carts.remove(cartId);
            }
        }
        return left;
    }

    @Override
    public synchronized Map<String, Integer> lines(String cartId) {
        SortedMap<String, Integer> quantities = new TreeMap<>();
        SortedMap<String, Line> lines = cartId == null ? null : carts.get(cartId);
        if (lines != null) {
            lines.forEach((sku, line) -> quantities.put(sku, line.qty()));
        }
        return quantities;
    }

    @Override
    public synchronized List<String> carts() {
        return new ArrayList<>(carts.keySet());
    }

    /** @return schema 3 plain data, a fresh copy */
    @Override
    public synchronized Map<String, Object> exportState() {
        return Schema3.format(carts);
    }

    /** Replaces all carts; a malformed state is refused (IllegalArgumentException) and nothing changes. */
    @Override
    public void importState(Map<String, Object> state) {
        SortedMap<String, SortedMap<String, Line>> parsed = Schema3.parse(state);
        synchronized (this) {
            carts.clear();
            carts.putAll(parsed);
            changes.clear();
            carts.forEach((cart, lines) -> lines.forEach((sku, line) -> changes.changed(LineKey.of(cart, sku), Entries.three(line))));
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
        String[] id = LineKey.parse(key);
        SortedMap<String, Line> lines = carts.get(id[0]);
        Line line = lines == null ? null : lines.get(id[1]);
        return line == null ? null : Entries.three(line);
    }

    /** Sets or removes lines; all are checked before any is set, so a malformed batch changes nothing. */
    @Override
    public void putEntries(Map<String, Object> entries) {
        Map<String, Line> parsed = new java.util.LinkedHashMap<>();
        entries.forEach((key, value) -> {
            LineKey.parse(key);
            parsed.put(key, value == null ? null : Entries.parseThree(key, value));
        });
        synchronized (this) {
            parsed.forEach((key, line) -> {
                String[] id = LineKey.parse(key);
                if (line == null) {
                    SortedMap<String, Line> lines = carts.get(id[0]);
                    if (lines != null && lines.remove(id[1]) != null && lines.isEmpty()) {
                        carts.remove(id[0]);
                    }
                } else {
                    carts.computeIfAbsent(id[0], c -> new TreeMap<>()).put(id[1], line);
                }
                changes.changed(key, line == null ? null : Entries.three(line));
            });
        }
    }
}
