package io.baton.container.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Counters kept per thread and summed on read: each {@link Caller#slot} has its own row of
 * {@code columns} longs, which only that thread writes (a plain add and a releasing store: no atomic
 * read-modify-write, no lock), padded so that no two rows share a cache line. Readers sum every row.
 *
 * <p>Rows live in segments of {@value #SEGMENT_ROWS}, the first made with the counters (about 1 KB
 * for a gate), the others on first use by a thread whose slot needs one, and never moved after (a writer never writes into a copy another writer abandoned), so memory
 * grows with the most threads alive at once (see {@link Caller}), not with the threads ever seen.
 * Thread-safe for one writer per slot and any number of readers.
 */
final class SlotCounters {
    static final int SEGMENT_ROWS = 8;
    private static final int SHIFT = 3;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Longs per cache line: the padding unit (64-byte lines). */
    private static final int LINE = 8;

    private final int rowLength;
    /**
     * The first segment, also {@code segments[0]}, held in a final field: the usual few threads reach
     * their row in two dependent loads (gate -> counters -> array), not four.
     */
    private final long[] first;
    private volatile long[][] segments;

    /** @param columns the counters per thread */
    SlotCounters(int columns) {
        // a whole line of padding between rows (the array's header offset does not align rows to lines), and a
        // line before the first row: every access reads the array's length (bounds check) in the header's line,
        // which must not be a line another thread writes (measured: 2 threads on one facade at 0.68x of one)
        this.rowLength = (columns + LINE - 1) / LINE * LINE + LINE;
        this.first = new long[LINE + SEGMENT_ROWS * rowLength];
        this.segments = new long[][] {first};
    }

    /** Adds one to {@code column} of the calling thread's row (only the owner of {@code slot} may call this). */
    void increment(int slot, int column) {
        long[] segment = segment(slot);
        int i = LINE + (slot & (SEGMENT_ROWS - 1)) * rowLength + column;
        LONGS.setRelease(segment, i, segment[i] + 1);
    }

    /**
     * As {@link #increment}, as a volatile write: ordered before every later volatile read of the
     * thread (the store-load fence a gate's entry needs, see {@link Gate}).
     */
    void incrementVolatile(int slot, int column) {
        long[] segment = segment(slot);
        int i = LINE + (slot & (SEGMENT_ROWS - 1)) * rowLength + column;
        LONGS.setVolatile(segment, i, segment[i] + 1);
    }

    /** Takes back an {@link #increment} of the same thread. */
    void decrement(int slot, int column) {
        long[] segment = segment(slot);
        int i = LINE + (slot & (SEGMENT_ROWS - 1)) * rowLength + column;
        LONGS.setRelease(segment, i, segment[i] - 1);
    }

    /** @return the column summed over every thread's row */
    long sum(int column) {
        long sum = 0;
        for (long[] segment : segments) {
            for (int row = 0; row < SEGMENT_ROWS; row++) {
                sum += (long) LONGS.getVolatile(segment, LINE + row * rowLength + column);
            }
        }
        return sum;
    }

    /**
     * @return the sum over rows of {@code plus - minus}, each row's {@code minus} read before its
     *     {@code plus}: for counters where minus never passes plus (exits and entries) the result is
     *     never less than the true difference at the moment the last row was read
     */
    long difference(int plus, int minus) {
        long sum = 0;
        for (long[] segment : segments) {
            for (int row = 0; row < SEGMENT_ROWS; row++) {
                long m = (long) LONGS.getVolatile(segment, LINE + row * rowLength + minus);
                sum += (long) LONGS.getVolatile(segment, LINE + row * rowLength + plus) - m;
            }
        }
        return sum;
    }

    /** @return {@code plus - minus} of the calling thread's own row (only the owner of {@code slot}: exact) */
    long ownDifference(int slot, int plus, int minus) {
        long[] segment = segment(slot);
        int row = LINE + (slot & (SEGMENT_ROWS - 1)) * rowLength;
        return segment[row + plus] - segment[row + minus];
    }

    /** @return the segments made so far (each {@value #SEGMENT_ROWS} rows), for tests of the memory bound */
    int segmentCount() {
        return segments.length;
    }

    private long[] segment(int slot) {
        if (slot < SEGMENT_ROWS) {
            return first;
        }
        long[][] s = segments;
        int k = slot >>> SHIFT;
        return k < s.length ? s[k] : grow(k);
    }

    private synchronized long[] grow(int k) {
        long[][] s = segments;
        if (k >= s.length) {
            long[][] more = Arrays.copyOf(s, k + 1); // the segments themselves are shared, never copied
            for (int i = s.length; i <= k; i++) {
                more[i] = new long[LINE + SEGMENT_ROWS * rowLength];
            }
            segments = more;
            s = more;
        }
        return s[k];
    }
}
