package io.baton.example.cart.impl.internal;

import io.baton.container.statexfer.Stateful;
import io.baton.example.cart.api.CartService;
import io.baton.example.cart.state.internal.Args;
import io.baton.example.cart.state.internal.Schema1;
import io.baton.example.cart.state.internal.Schema1.Unit;
import java.util.ArrayList;
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
 */
@Component(service = CartService.class, property = {"baton.service.identity=cart", Stateful.STATE_TYPE + "=cart", Stateful.STATE_VERSION + ":Integer=1"})
public final class UnitCartService implements CartService, Stateful {
    /** Every unit added and not removed, in the order added. Guarded by {@code this}. */
    private List<Unit> units = new ArrayList<>();

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
