package io.baton.container.statexfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bookkeeping a {@link KeyedState} owes Baton, ready made: call {@link #changed(String, Object)}
 * with the new value (or {@code null} for a removal) on every write, under the same lock as the
 * write, and delegate {@link KeyedState#mark()}, {@link KeyedState#changedSince(long)} and
 * {@link KeyedState#checksum()} to it. Thread-safe (its own monitor). Costs one hash of the value per
 * write and two map entries per key (a removed key keeps its place in the change log).
 *
 * @since 1.2
 */
public final class ChangeTracker {
    private long seq;
    private long sum;
    /** key -> {last change's sequence number, hash of the current value (0 if removed)} */
    private final Map<String, long[]> byKey = new HashMap<>();
    /** sequence number of each key's last change -> key: {@link #changedSince(long)} reads a tail of it */
    private final TreeMap<Long, String> log = new TreeMap<>();

    /** Records a write ({@code value} the new value) or a removal ({@code value == null}) of {@code key}. */
    public synchronized void changed(String key, Object value) {
        long hash = value == null ? 0 : hash(key, value);
        long[] known = byKey.get(key);
        seq++;
        if (known == null) {
            byKey.put(key, new long[] {seq, hash});
        } else {
            log.remove(known[0]);
            sum -= known[1];
            known[0] = seq;
            known[1] = hash;
        }
        sum += hash;
        log.put(seq, key);
    }

    /**
     * Records the removal of every entry (a whole-state import replaces them all: record the imported
     * ones after it), so that a copy in progress sees the keys the import dropped too.
     */
    public synchronized void clear() {
        for (Map.Entry<String, long[]> e : byKey.entrySet()) {
            long[] known = e.getValue();
            log.remove(known[0]);
            known[0] = ++seq;
            known[1] = 0;
            log.put(seq, e.getKey());
        }
        sum = 0;
    }

    /** @see KeyedState#mark() */
    public synchronized long mark() {
        return seq;
    }

    /** @see KeyedState#changedSince(long) */
    public synchronized List<String> changedSince(long mark) {
        return new ArrayList<>(log.tailMap(mark, false).values());
    }

    /** @see KeyedState#checksum() */
    public synchronized long checksum() {
        return sum;
    }

    /**
     * The hash of one entry, the term of {@link KeyedState#checksum()}: 64 bits mixed from the key and
     * a deep hash of the plain-data value (maps by content whatever their order, lists in order,
     * {@code byte[]} by content). Deterministic across JVMs and class loaders.
     */
    public static long hash(String key, Object value) {
        long h = mix(key.hashCode() * 0x9E3779B97F4A7C15L + deep(value));
        return h == 0 ? 1 : h; // 0 stands for "absent"
    }

    private static long deep(Object value) {
        if (value == null) {
            return 0x51ED27L;
        }
        if (value instanceof byte[]) {
            byte[] b = (byte[]) value;
            long h = 0xCBF29CE484222325L ^ b.length;
            int i = 0;
            for (; i + 8 <= b.length; i += 8) { // 8 bytes a step: a 64 KiB chunk costs microseconds
                long w = (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                        | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48 | (b[i + 7] & 0xFFL) << 56;
                h = (h ^ w) * 0x100000001B3L;
            }
            for (; i < b.length; i++) {
                h = (h ^ (b[i] & 0xFF)) * 0x100000001B3L;
            }
            return h;
        }
        if (value instanceof Map) {
            long h = 0x4D41L;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                h += mix(String.valueOf(e.getKey()).hashCode() * 31L + deep(e.getValue()));
            }
            return h;
        }
        if (value instanceof List) {
            long h = 0x4C49L;
            for (Object o : (List<?>) value) {
                h = h * 31 + deep(o);
            }
            return h;
        }
        if (value instanceof Number) {
            // 3 as Integer and as Long are one value in plain data (serialised state may come back either way)
            Number n = (Number) value;
            return n instanceof Double || n instanceof Float ? Double.hashCode(n.doubleValue()) : n.toString().hashCode();
        }
        return value.getClass().getSimpleName().hashCode() * 31L + value.hashCode();
    }

    /** SplitMix64's finaliser: spreads every input bit over the result. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public synchronized String toString() {
        return "ChangeTracker[" + byKey.size() + " keys, mark " + seq + "]";
    }
}
