package io.baton.example.cart.state.internal;

import java.util.List;
import java.util.Map;

/**
 * Reads plain-data state defensively. A snapshot comes from another bundle version (or a journal), so
 * every value is checked, and a failure names the path of the offending value (e.g.
 * {@code state.carts.c1.a}): a bad snapshot then aborts a swap with a message that says where.
 */
public final class Plain {
    private Plain() {}

    /** @return {@code value} as a map with String keys */
    public static Map<String, Object> map(Object value, String path) {
        if (!(value instanceof Map)) {
            throw bad(path, "must be a Map, was " + describe(value));
        }
        for (Object key : ((Map<?, ?>) value).keySet()) {
            if (!(key instanceof String)) {
                throw bad(path, "has a key that is not a String: " + describe(key));
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    /** @return the non-null value of {@code key} */
    public static Object field(Map<String, Object> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            throw bad(path + "." + key, "is missing");
        }
        return value;
    }

    public static List<?> list(Object value, String path) {
        if (!(value instanceof List)) {
            throw bad(path, "must be a List, was " + describe(value));
        }
        return (List<?>) value;
    }

    /** @return {@code value} as a cart id or sku: a String that is not blank */
    public static String id(Object value, String path) {
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw bad(path, "must be a non-blank String, was " + describe(value));
        }
        return (String) value;
    }

    /** @return {@code value} as a quantity: a whole number from 1 to {@link Integer#MAX_VALUE} */
    public static int quantity(Object value, String path) {
        long qty = whole(value, path);
        if (qty < 1 || qty > Integer.MAX_VALUE) {
            throw bad(path, "must be a quantity from 1 to " + Integer.MAX_VALUE + ", was " + qty);
        }
        return (int) qty;
    }

    /** @return {@code value} as a time in epoch milliseconds: a whole number, not negative */
    public static long millis(Object value, String path) {
        long millis = whole(value, path);
        if (millis < 0) {
            throw bad(path, "must be epoch milliseconds (not negative), was " + millis);
        }
        return millis;
    }

    /** Integer, Long, Short and Byte all survive a copy of plain data; fractions are refused, not rounded. */
    private static long whole(Object value, String path) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw bad(path, "must be a whole number (Integer or Long), was " + describe(value));
    }

    public static IllegalArgumentException bad(String path, String problem) {
        return new IllegalArgumentException("Malformed cart state: " + path + " " + problem);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        return value.getClass().getSimpleName() + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
