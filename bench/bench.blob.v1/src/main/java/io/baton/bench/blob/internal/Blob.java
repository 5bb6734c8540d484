package io.baton.bench.blob.internal;

import io.baton.bench.api.BlobService;
import io.baton.container.statexfer.Stateful;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The blob service. State schema 1: {@code {"writes": Long, "chunks": [byte[], ...]}}, chunks of
 * {@value #CHUNK} bytes (the last one shorter). Chunks are never written after {@link #fill}, so the
 * export hands out the chunk arrays themselves; Baton copies them when it captures the snapshot.
 *
 * <p>A deactivated object refuses writes (a stale reference kept past a bundle update fails as it
 * would in a real service); the faulty variant (manifest header {@code Bench-Fault: throw}) refuses
 * every write, for the rollback benchmark's failure monitor.
 */
@Component(service = BlobService.class, property = {
    "baton.service.identity=bench.blob",
    Stateful.STATE_TYPE + "=bench.blob",
    Stateful.STATE_VERSION + ":Integer=1"})
public final class Blob implements BlobService, Stateful {
    static final int CHUNK = 64 * 1024;

    private final int version;
    private final boolean faulty;
    private final AtomicLong writes = new AtomicLong();
    private volatile List<byte[]> chunks = List.of();
    private volatile boolean active = true;

    @Activate
    public Blob(BundleContext context) {
        this.version = context.getBundle().getVersion().getMajor();
        this.faulty = "throw".equals(context.getBundle().getHeaders().get("Bench-Fault"));
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
    public long touch() {
        if (!active) {
            throw new IllegalStateException("blob " + version + " was deactivated");
        }
        if (faulty) {
            throw new IllegalStateException("blob " + version + " is the faulty variant");
        }
        return writes.incrementAndGet();
    }

    @Override
    public long writes() {
        return writes.get();
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public long stateBytes() {
        long n = 0;
        for (byte[] c : chunks) {
            n += c.length;
        }
        return n;
    }

    @Override
    public long fingerprint() {
        CRC32 crc = new CRC32();
        for (byte[] c : chunks) {
            crc.update(c);
        }
        return crc.getValue();
    }

    @Override
    public void fill(long bytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> filled = new ArrayList<>();
        for (long left = bytes; left > 0; left -= CHUNK) {
            byte[] c = new byte[(int) Math.min(CHUNK, left)];
            for (int i = 0; i < c.length; i += 8) {
                long r = random.nextLong();
                for (int j = 0; j < 8 && i + j < c.length; j++) {
                    c[i + j] = (byte) (r >>> (8 * j));
                }
            }
            filled.add(c);
        }
        chunks = List.copyOf(filled);
        writes.set(0);
    }

    @Override
    public Map<String, Object> exportState() {
        return Map.of("writes", writes.get(), "chunks", new ArrayList<Object>(chunks));
    }

    @Override
    public void importState(Map<String, Object> state) {
        Object w = state.get("writes");
        Object c = state.get("chunks");
        if (!(w instanceof Long) || !(c instanceof List)) {
            throw new IllegalArgumentException("blob state needs writes (Long) and chunks (List of byte[]), got " + state.keySet());
        }
        List<byte[]> imported = new ArrayList<>();
        for (Object chunk : (List<?>) c) {
            if (!(chunk instanceof byte[])) {
                throw new IllegalArgumentException("blob chunk is a " + (chunk == null ? "null" : chunk.getClass().getName()));
            }
            imported.add((byte[]) chunk);
        }
        chunks = List.copyOf(imported);
        writes.set((Long) w);
    }
}
