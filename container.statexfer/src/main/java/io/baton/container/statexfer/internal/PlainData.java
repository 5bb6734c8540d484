package io.baton.container.statexfer.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain data: what may cross from one bundle version to the next. {@code Map} with String keys,
 * {@code List}, {@code String}, immutable JDK numbers (boxed primitives, BigInteger, BigDecimal), {@code Boolean}, {@code byte[]}
 * and {@code null}. Anything else could be a class of the old bundle and would pin its class loader.
 */
public final class PlainData {
    private static final java.util.Set<Class<?>> IMMUTABLE_NUMBERS = java.util.Set.of(Integer.class, Long.class, Short.class,
            Byte.class, Double.class, Float.class, java.math.BigInteger.class, java.math.BigDecimal.class);

    private PlainData() {}

    /** How deep plain data may nest: deeper is refused (a structure that deep is a mistake, and a deep recursion a risk). */
    public static final int MAX_DEPTH = 200;

    /**
     * A deep copy of {@code value}, checked to be plain data: no cycle, at most {@value #MAX_DEPTH}
     * levels deep.
     *
     * @param path where {@code value} sits, for the error message (e.g. {@code state.carts.c1})
     * @throws IllegalArgumentException naming the path and the class of the first value that is not
     *     plain data, or where the structure refers to itself or nests too deep
     */
    public static Object copy(Object value, String path) {
        return copy(value, path, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()), 0);
    }

    private static Object copy(Object value, String path, java.util.Set<Object> enclosing, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number) {
            // immutable JDK numbers only: an AtomicLong would be shared with the live object
            if (IMMUTABLE_NUMBERS.contains(value.getClass())) {
                return value;
            }
            throw notPlain(value, path);
        }
        if (value instanceof byte[]) {
            return ((byte[]) value).clone();
        }
        if (!(value instanceof Map) && !(value instanceof List)) {
            throw notPlain(value, path);
        }
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("State is not plain data: " + path + " nests deeper than " + MAX_DEPTH + " levels");
        }
        if (!enclosing.add(value)) {
            throw new IllegalArgumentException("State is not plain data: " + path + " refers to a map or list that contains it (a cycle)");
        }
        try {
            if (value instanceof Map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    if (!(e.getKey() instanceof String)) {
                        throw new IllegalArgumentException("State is not plain data: key " + e.getKey() + " at " + path
                                + " is a " + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + ", expected a String");
                    }
                    String key = (String) e.getKey();
                    copy.put(key, copy(e.getValue(), path + "." + key, enclosing, depth + 1));
                }
                return copy;
            }
            List<?> list = (List<?>) value;
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copy(list.get(i), path + "[" + i + "]", enclosing, depth + 1));
            }
            return copy;
        } finally {
            enclosing.remove(value);
        }
    }

    /** Deep copy of a whole state map; see {@link #copy(Object, String)}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> copyState(Map<String, Object> state) {
        if (state == null) {
            throw new IllegalArgumentException("State is null; expected a Map of plain data");
        }
        return (Map<String, Object>) copy(state, "state");
    }

    private static IllegalArgumentException notPlain(Object value, String path) {
        return new IllegalArgumentException("State is not plain data: " + path + " is a " + value.getClass().getName()
                + "; expected Map, List, String, Number, Boolean, byte[] or null");
    }

    /**
     * The size plain data would take serialized compactly (UTF-8 strings, 8-byte numbers, a few bytes
     * of structure per entry). An estimate for caps and reports, not a wire format.
     */
    public static long sizeOf(Object value) {
        if (value == null || value instanceof Boolean) {
            return 1;
        }
        if (value instanceof String) {
            return 2 + utf8Length((String) value);
        }
        if (value instanceof Number) {
            return 8;
        }
        if (value instanceof byte[]) {
            return 4 + ((byte[]) value).length;
        }
        long size = 4;
        if (value instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                size += sizeOf(e.getKey()) + sizeOf(e.getValue());
            }
        } else if (value instanceof List) {
            for (Object o : (List<?>) value) {
                size += sizeOf(o);
            }
        }
        return size;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n == s.length() ? n : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
