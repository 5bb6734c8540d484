package io.baton.example.cart.state.internal;

import io.baton.example.cart.state.internal.Schema1.Unit;
import io.baton.example.cart.state.internal.Schema3.Line;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one cart line in the keyed view of each schema (the key is a {@link LineKey}), and the
 * per-entry migrations between them, as pure functions:
 * <ul>
 *   <li>schema 1: one entry per unit, as in the whole state: {@code [{"cart": "c1", "sku": "a"}, ...]}</li>
 *   <li>schema 2: the quantity, an Integer</li>
 *   <li>schema 3: {@code {"qty": 3, "changed": 1767225600000}}</li>
 * </ul>
 * A line of quantity 0 does not exist: the migrations return null for it (the entry is dropped).
 */
public final class Entries {
    private Entries() {}

    public static List<Object> one(String cart, String sku, int units) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put(Schema1.CART, cart);
        unit.put(Schema1.SKU, sku);
        List<Object> out = new ArrayList<>(units);
        for (int i = 0; i < units; i++) {
            out.add(new LinkedHashMap<>(unit));
        }
        return out;
    }

    /** @return the units of a schema 1 line value, checked to belong to the key's line */
    public static List<Unit> parseOne(String key, Object value) {
        String[] line = LineKey.parse(key);
        List<Unit> units = Schema1.parse(Map.of(Schema1.UNITS, Plain.list(value, "entry " + key)));
        for (Unit u : units) {
            if (!u.is(line[0], line[1])) {
                throw Plain.bad("entry " + key, "holds a unit of cart " + u.cart() + " sku " + u.sku());
            }
        }
        return units;
    }

    public static int parseTwo(String key, Object value) {
        return Plain.quantity(value, "entry " + key);
    }

    public static Map<String, Object> three(Line line) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(Schema3.QTY, line.qty());
        out.put(Schema3.CHANGED, line.changed());
        return out;
    }

    public static Line parseThree(String key, Object value) {
        String path = "entry " + key;
        Map<String, Object> m = Plain.map(value, path);
        return new Line(Plain.quantity(Plain.field(m, Schema3.QTY, path), path + "." + Schema3.QTY),
                Plain.millis(Plain.field(m, Schema3.CHANGED, path), path + "." + Schema3.CHANGED));
    }

    /** 1 -> 2: the units counted. */
    public static Object oneToTwo(String key, Object value) {
        int n = parseOne(key, value).size();
        return n == 0 ? null : n;
    }

    /** 2 -> 1: the quantity expanded into units (the whole-state import checks {@link Schema1#MAX_UNITS}). */
    public static Object twoToOne(String key, Object value) {
        int qty = parseTwo(key, value);
        Schema1.requireCapacity(qty);
        String[] line = LineKey.parse(key);
        return one(line[0], line[1], qty);
    }

    /** 2 -> 3: stamped with {@code now}, as the whole-state migration does. */
    public static Object twoToThree(String key, Object value, long now) {
        return three(new Line(parseTwo(key, value), now));
    }

    /** 3 -> 2: the quantity. */
    public static Object threeToTwo(String key, Object value) {
        return parseThree(key, value).qty();
    }
}
