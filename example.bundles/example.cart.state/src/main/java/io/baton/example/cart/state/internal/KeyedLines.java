package io.baton.example.cart.state.internal;

import io.baton.container.statexfer.ChangeTracker;
import io.baton.container.statexfer.KeyedState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Carts as cart id to (sku to line), and their keyed view ({@code KeyedState}): one entry per line
 * ({@link LineKey} to the line's plain data, see {@link Entries}), every write recorded in a
 * {@link ChangeTracker} under the same lock, so Baton pre-copies the lines while this version serves
 * and moves in its pause only those changed since. {@link QuantityCarts} (a line is its quantity) and
 * {@link TimedCarts} (quantity and time of change) differ only in the line and its plain data.
 *
 * <p>Thread-safe: one lock (this object) guards all carts. A cart call is a few map operations, so a
 * single lock costs little, and it makes an export a consistent snapshot for free.
 *
 * @param <L> a line
 */
abstract class KeyedLines<L> implements KeyedState {
    /** cart id to (sku to line); no empty carts. Guarded by {@code this}. */
    protected final SortedMap<String, SortedMap<String, L>> carts = new TreeMap<>();
    private final ChangeTracker changes = new ChangeTracker();

    /** @return a line as the plain data of its entry */
    protected abstract Object entryOf(L line);

    /** @return the line an entry's plain data holds; IllegalArgumentException naming the key if malformed */
    protected abstract L parseEntry(String key, Object value);

    /** @return a cart's line, or null. The caller holds the lock. */
    protected final L line(String cartId, String sku) {
        SortedMap<String, L> lines = carts.get(cartId);
        return lines == null ? null : lines.get(sku);
    }

    /** Sets a line and records its entry. The caller holds the lock. */
    protected final void put(String cartId, String sku, L line) {
        carts.computeIfAbsent(cartId, id -> new TreeMap<>()).put(sku, line);
        changes.changed(LineKey.of(cartId, sku), entryOf(line));
    }

    /** Removes a line (and its cart once empty) and records the removal. The caller holds the lock. */
    protected final void drop(String cartId, String sku) {
        changes.changed(LineKey.of(cartId, sku), null);
        SortedMap<String, L> lines = carts.get(cartId);
        if (lines != null && lines.remove(sku) != null && lines.isEmpty()) {
            carts.remove(cartId);
        }
    }

    /** Replaces every cart (an import), recording every line as changed. */
    protected final synchronized void replaceAll(SortedMap<String, SortedMap<String, L>> parsed) {
        carts.clear();
        carts.putAll(parsed);
        changes.clear();
        carts.forEach((cart, lines) -> lines.forEach((sku, line) -> changes.changed(LineKey.of(cart, sku), entryOf(line))));
    }

    public synchronized List<String> carts() {
        return new ArrayList<>(carts.keySet());
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
        L line = line(id[0], id[1]);
        return line == null ? null : entryOf(line);
    }

    /** Sets or removes lines; all are checked before any is set, so a malformed batch changes nothing. */
    @Override
    public void putEntries(Map<String, Object> entries) {
        Map<String, L> parsed = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            LineKey.parse(key);
            parsed.put(key, value == null ? null : parseEntry(key, value));
        });
        synchronized (this) {
            parsed.forEach((key, line) -> {
                String[] id = LineKey.parse(key);
                if (line == null) {
                    SortedMap<String, L> lines = carts.get(id[0]);
                    if (lines != null && lines.remove(id[1]) != null && lines.isEmpty()) {
                        carts.remove(id[0]);
                    }
                } else {
                    carts.computeIfAbsent(id[0], c -> new TreeMap<>()).put(id[1], line);
                }
                changes.changed(key, line == null ? null : entryOf(line));
            });
        }
    }
}
