package io.baton.example.cart.state.internal;

import io.baton.example.cart.api.CartService;
import io.baton.example.cart.state.internal.Schema3.Line;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Carts whose lines remember when they last changed, with state in schema 3. The cart 3.0.0 and 3.1.0
 * components are this class plus their DS declaration (3.1.0 adds its faults).
 *
 * <p>Thread-safe and keyed as every {@link KeyedLines}: one entry per line, its value
 * {@code {"qty": 3, "changed": ...}}.
 */
public class TimedCarts extends KeyedLines<Line> implements CartService {
    private final LongSupplier clock;

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
        Line line = line(cartId, sku);
        int total = Args.plus(line == null ? 0 : line.qty(), qty, cartId, sku);
        put(cartId, sku, new Line(total, clock.getAsLong()));
        return total;
    }

    @Override
    public synchronized int remove(String cartId, String sku, int qty) {
        Args.check(cartId, sku, qty);
        Line line = line(cartId, sku);
        if (line == null) {
            return 0;
        }
        int left = Math.max(0, line.qty() - qty);
        if (left > 0) {
            put(cartId, sku, new Line(left, clock.getAsLong()));
        } else {
            drop(cartId, sku);
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

    /** @return schema 3 plain data, a fresh copy */
    @Override
    public synchronized Map<String, Object> exportState() {
        return Schema3.format(carts);
    }

    /** Replaces all carts; a malformed state is refused (IllegalArgumentException) and nothing changes. */
    @Override
    public void importState(Map<String, Object> state) {
        replaceAll(Schema3.parse(state));
    }

    @Override
    protected Object entryOf(Line line) {
        return Entries.three(line);
    }

    @Override
    protected Line parseEntry(String key, Object value) {
        return Entries.parseThree(key, value);
    }
}
