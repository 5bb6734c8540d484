package io.baton.bench.kblob.internal;

import io.baton.bench.api.BlobService;
import io.baton.container.statexfer.ChangeTracker;
import io.baton.container.statexfer.KeyedState;
import io.baton.container.statexfer.Stateful;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The keyed blob: the bench blob's service (the same N bytes in 64 KiB chunks and write counter) with
 * its state exposed as entries, so Baton pre-copies it while this version serves: one entry per chunk
 * ({@code chunk-000042} -> byte[]) and one for the counter ({@code writes} -> Long), which every
 * {@link #touch()} changes. Whole state (checkpoints, the eager path): {@code {"writes": Long, "chunks":
 * [byte[], ...]}}, as the eager blob's.
 *
 * <p>Thread-safe: one lock (this object) guards the chunks, the counter and the change tracker, so that
 * the counter and its recorded change never disagree (the checksum Baton verifies depends on it).
 */
@Component(service = BlobService.class, property = {
    "baton.service.identity=bench.kblob",
    Stateful.STATE_TYPE + "=bench.kblob",
    Stateful.STATE_VERSION + ":Integer=1"})
public final class KeyedBlob implements BlobService, KeyedState {
    static final int CHUNK = 64 * 1024;
    static final String WRITES = "writes";

    private final int version;
    private final boolean faulty;
    /** chunk index -> bytes, never written in place. Guarded by {@code this}. */
    private final TreeMap<Integer, byte[]> chunks = new TreeMap<>();
    private long writes;
    private final ChangeTracker changes = new ChangeTracker();
    private volatile boolean active = true;

    @Activate
    public KeyedBlob(BundleContext context) {
        this.version = context.getBundle().getVersion().getMajor();
        this.faulty = "throw".equals(context.getBundle().getHeaders().get("Bench-Fault"));
        changes.changed(WRITES, 0L);
    }

    @Deactivate
    void deactivate() {
        active = false;
    }

    @Override
    public void ping() {
        // the empty method
    }

    @Override
    public long work(int rounds) {
        long x = 0x9E3779B97F4A7C15L ^ rounds;
        for (int i = 0; i < rounds; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    @Override
    public synchronized long touch() {
        if (!active || faulty) {
            throw new IllegalStateException("keyed blob " + version + (faulty ? " is the faulty variant" : " was deactivated"));
        }
        writes++;
        changes.changed(WRITES, writes);
        return writes;
    }

    @Override
    public synchronized long writes() {
        return writes;
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public synchronized long stateBytes() {
        return chunks.values().stream().mapToLong(c -> c.length).sum();
    }

    @Override
    public synchronized long fingerprint() {
        CRC32 crc = new CRC32();
        chunks.values().forEach(crc::update);
        return crc.getValue();
    }

    /** The same bytes as the eager blob's fill for the same size and seed. */
    @Override
    public void fill(long bytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Object> filled = new LinkedHashMap<>();
        int index = 0;
        for (long left = bytes; left > 0; left -= CHUNK) {
            byte[] c = new byte[(int) Math.min(CHUNK, left)];
            for (int i = 0; i < c.length; i += 8) {
                long r = random.nextLong();
                for (int j = 0; j < 8 && i + j < c.length; j++) {
                    c[i + j] = (byte) (r >>> (8 * j));
                }
            }
            filled.put(key(index++), c);
        }
        synchronized (this) {
            chunks.keySet().forEach(i -> filled.putIfAbsent(key(i), null)); // chunks beyond the new size go
            filled.put(WRITES, 0L);
            putEntries(filled);
        }
    }

    static String key(int index) {
        return String.format("chunk-%06d", index);
    }

    @Override
    public synchronized Map<String, Object> exportState() {
        return Map.of(WRITES, writes, "chunks", new ArrayList<Object>(chunks.values()));
    }

    @Override
    public void importState(Map<String, Object> state) {
        Object w = state.get(WRITES);
        Object c = state.get("chunks");
        if (!(w instanceof Long) || !(c instanceof List)) {
            throw new IllegalArgumentException("keyed blob state needs writes (Long) and chunks (List of byte[]), got " + state.keySet());
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        List<?> list = (List<?>) c;
        for (int i = 0; i < list.size(); i++) {
            entries.put(key(i), list.get(i));
        }
        entries.put(WRITES, w);
        synchronized (this) {
            chunks.keySet().forEach(i -> entries.putIfAbsent(key(i), null));
            putEntries(entries);
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
        List<String> keys = new ArrayList<>(chunks.size() + 1);
        chunks.keySet().forEach(i -> keys.add(key(i)));
        keys.add(WRITES);
        return keys;
    }

    /** The chunk itself (never written in place); Baton copies it. */
    @Override
    public synchronized Object entry(String key) {
        return key.equals(WRITES) ? (Object) writes : chunks.get(index(key));
    }

    /** Checks every entry first, so that a malformed batch changes nothing. */
    @Override
    public synchronized void putEntries(Map<String, Object> entries) {
        entries.forEach((key, value) -> {
            if (key.equals(WRITES) ? !(value instanceof Long) : value != null && !(value instanceof byte[])) {
                throw new IllegalArgumentException("keyed blob entry " + key + " is a " + (value == null ? "null" : value.getClass().getName())
                        + "; expected " + (key.equals(WRITES) ? "a Long" : "byte[] or null"));
            }
            if (!key.equals(WRITES)) {
                index(key);
            }
        });
        entries.forEach((key, value) -> {
            if (key.equals(WRITES)) {
                writes = (Long) value;
            } else if (value == null) {
                chunks.remove(index(key));
            } else {
                chunks.put(index(key), (byte[]) value);
            }
            changes.changed(key, value);
        });
    }

    private static int index(String key) {
        try {
            return Integer.parseInt(key.substring("chunk-".length()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("keyed blob entry key '" + key + "'; expected chunk-<index> or " + WRITES, e);
        }
    }
}
