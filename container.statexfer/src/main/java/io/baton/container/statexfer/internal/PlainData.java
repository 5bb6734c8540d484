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

    /**
     * A deep copy of {@code value}, checked to be plain data.
     *
     * @param path where {@code value} sits, for the error message (e.g. {@code state.carts.c1})
     * @throws IllegalArgumentException naming the path and the class of the first value that is not
     */
    public static Object copy(Object value, String path) {
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
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("State is not plain data: key " + e.getKey() + " at " + path
                            + " is a " + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + ", expected a String");
                }
                String key = (String) e.getKey();
                copy.put(key, copy(e.getValue(), path + "." + key));
            }
            return copy;
        }
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copy(list.get(i), path + "[" + i + "]"));
            }
            return copy;
        }
        throw notPlain(value, path);
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
