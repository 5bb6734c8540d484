package io.baton.example.cart.impl.internal;

import io.baton.container.statexfer.ChangeTracker;
import io.baton.container.statexfer.KeyedState;
import io.baton.container.statexfer.Stateful;
import io.baton.example.cart.api.CartService;
import io.baton.example.cart.state.internal.Args;
import io.baton.example.cart.state.internal.Entries;
import io.baton.example.cart.state.internal.LineKey;
import io.baton.example.cart.state.internal.Schema1;
import io.baton.example.cart.state.internal.Schema1.Unit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Component;

/**
 * Cart 1.0.0: the naive first version, one entry per unit added (state schema 1). Quantities are
 * counted on every read; cart 2.0.0 keeps them instead, which is why its schema differs.
 *
 * <p>Thread-safe: one lock (this object) guards the units. At most {@link Schema1#MAX_UNITS} units are
 * held; an add beyond that fails with IllegalStateException rather than exhausting the heap.
 *
 * <p>Keyed state: one entry per line ({@link LineKey}), its value the line's units, one element per
 * unit (see {@link Entries}); a count per line is kept next to the units so that an entry is read
 * without scanning them. A keyed import groups the units of a line together: the order of units
 * across lines is not kept (it means nothing: {@code remove} takes the line's latest units).
 */
@Component(service = CartService.class, property = {"baton.service.identity=cart", Stateful.STATE_TYPE + "=cart", Stateful.STATE_VERSION + ":Integer=1"})
public final class UnitCartService implements CartService, KeyedState {
    /** Every unit added and not removed, in the order added. Guarded by {@code this}. */
    private List<Unit> units = new ArrayList<>();
    /** Units per line, by {@link LineKey}; no zero counts. Guarded by {@code this}. */
    private final Map<String, Integer> counts = new HashMap<>();
    private final ChangeTracker changes = new ChangeTracker();

    @Override
    public synchronized int add(String cartId, String sku, int qty) {
        Args.check(cartId, sku, qty);
        if ((long) units.size() + qty > Schema1.MAX_UNITS) {
            throw new IllegalStateException("cart 1.0.0 holds at most " + Schema1.MAX_UNITS + " units in all; it has "
                    + units.size() + ", cannot add " + qty);
        }
        Unit unit = new Unit(cartId, sku);
        for (int i = 0; i < qty; i++) {
            units.add(unit);
        }
        recount(cartId, sku, qty);
        return count(cartId, sku);
    }

    /** Removes the most recently added units of the line first. */
    @Override
    public synchronized int remove(String cartId, String sku, int qty) {
        Args.check(cartId, sku, qty);
        int toRemove = Math.min(qty, count(cartId, sku));
        if (toRemove > 0) {
            List<Unit> kept = new ArrayList<>(units.size() - toRemove);
            for (int i = units.size() - 1; i >= 0; i--) {
                Unit unit = units.get(i);
                if (toRemove > 0 && unit.is(cartId, sku)) {
                    toRemove--;
                } else {
                    kept.add(unit);
                }
            }
            Collections.reverse(kept);
            units = kept;
            recount(cartId, sku, -Math.min(qty, counts.getOrDefault(LineKey.of(cartId, sku), 0)));
        }
        return count(cartId, sku);
    }

    @Override
    public synchronized Map<String, Integer> lines(String cartId) {
        SortedMap<String, Integer> lines = new TreeMap<>();
        for (Unit unit : units) {
            if (unit.cart().equals(cartId)) {
                lines.merge(unit.sku(), 1, Integer::sum);
            }
        }
        return lines;
    }

    @Override
    public synchronized List<String> carts() {
        TreeSet<String> carts = new TreeSet<>();
        for (Unit unit : units) {
            carts.add(unit.cart());
        }
        return new ArrayList<>(carts);
    }

    /** @return schema 1 plain data, a fresh copy, units in the order added */
    @Override
    public synchronized Map<String, Object> exportState() {
        return Schema1.format(units);
    }

    /** Replaces all units; a malformed state is refused (IllegalArgumentException) and nothing changes. */
    @Override
    public void importState(Map<String, Object> state) {
        List<Unit> parsed = Schema1.parse(state);
        synchronized (this) {
            units = parsed;
            counts.clear();
            changes.clear();
            for (Unit unit : parsed) {
                counts.merge(LineKey.of(unit.cart(), unit.sku()), 1, Integer::sum);
            }
            counts.keySet().forEach(key -> changes.changed(key, entry(key)));
        }
    }

    /** Keeps the count of a line and records its change. Caller holds the lock. */
    private void recount(String cartId, String sku, int delta) {
        String key = LineKey.of(cartId, sku);
        int n = counts.getOrDefault(key, 0) + delta;
        if (n > 0) {
            counts.put(key, n);
        } else {
            counts.remove(key);
        }
        changes.changed(key, entry(key));
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
        return new ArrayList<>(counts.keySet());
    }

    @Override
    public synchronized Object entry(String key) {
        Integer n = counts.get(key);
        if (n == null) {
            return null;
        }
        String[] line = LineKey.parse(key);
        return Entries.one(line[0], line[1], n);
    }

    /**
     * Sets or removes lines: one pass over the units drops the lines named, then their new units are
     * appended. All entries are checked first (and the cap), so a malformed batch changes nothing.
     */
    @Override
    public void putEntries(Map<String, Object> entries) {
        Map<String, List<Unit>> parsed = new LinkedHashMap<>();
        entries.forEach((key, value) -> parsed.put(key, value == null ? List.of() : Entries.parseOne(key, value)));
        synchronized (this) {
            long total = units.size();
            for (Map.Entry<String, List<Unit>> e : parsed.entrySet()) {
                total += e.getValue().size() - counts.getOrDefault(e.getKey(), 0);
            }
            Schema1.requireCapacity(total);
            Set<String> replaced = new HashSet<>(parsed.keySet());
            List<Unit> kept = new ArrayList<>((int) total);
            for (Unit unit : units) {
                if (!replaced.contains(LineKey.of(unit.cart(), unit.sku()))) {
                    kept.add(unit);
                }
            }
            parsed.forEach((key, lineUnits) -> {
                kept.addAll(lineUnits);
                if (lineUnits.isEmpty()) {
                    counts.remove(key);
                } else {
                    counts.put(key, lineUnits.size());
                }
                changes.changed(key, entry(key));
            });
            units = kept;
        }
    }

    private int count(String cartId, String sku) {
        int count = 0;
        for (Unit unit : units) {
            if (unit.is(cartId, sku)) {
                count++;
            }
        }
        return count;
    }
}
