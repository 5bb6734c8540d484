package io.baton.container.core.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the current thread carries through facades: its slot (a row of its own in every
 * {@link SlotCounters}, so its counts share no cache line with another thread's), and for generated
 * facades the target just entered and the start of timed calls. One thread-local read per call. Which
 * gates the thread is inside is not kept here: its own rows in the gates' counters say it (see
 * {@link Gate}). Not thread-safe: one per thread.
 *
 * <p>Slots are reused, not leaked: a thread claims the lowest slot whose owner has terminated
 * ({@link Thread#isAlive()} false, which also makes the dead owner's last writes visible to the new
 * owner, JLS 17.4.4; or the owner already collected, after a GC that stopped every thread), so the
 * slots in use never exceed the most threads ever alive at once that called through a facade, however
 * many short-lived threads come and go. Owners are held weakly: a dead thread's object (and its
 * context class loader, perhaps a swapped-out bundle's) is never kept alive by Baton.
 */
final class Caller implements Supplier<Object> {
    private static final ThreadLocal<Caller> CURRENT = ThreadLocal.withInitial(() -> new Caller(claim(Thread.currentThread())));
    /** Slot owners, index = slot; a dead owner's slot is free. Guarded by itself. */
    private static final List<WeakReference<Thread>> OWNERS = new ArrayList<>();

    final int slot;
    /** Calls of this thread in generated facades, nested: the index into {@link #started}. */
    private int depth;
    /** Per nesting level: when a sampled call started (0: not sampled). */
    private long[] started = new long[8];
    /** The object the gate entered last let the call through to, for a generated facade's {@link #get()} right after. */
    private Object target;
    /**
     * The thread's own xorshift state for choosing the calls to time: random, not every 64th call, so a
     * thread that alternates between operations does not always sample the same one.
     */
    private int seed;

    private Caller(int slot) {
        this.slot = slot;
        this.seed = (int) System.nanoTime() | 1; // xorshift needs a non-zero state
    }

    static Caller current() {
        return CURRENT.get();
    }

    /** @return how many slots were ever handed out: the rows a {@link SlotCounters} may hold */
    static int slotsInUse() {
        synchronized (OWNERS) {
            return OWNERS.size();
        }
    }

    private static int claim(Thread thread) {
        synchronized (OWNERS) {
            for (int i = 0; i < OWNERS.size(); i++) {
                Thread owner = OWNERS.get(i).get();
                if (owner == null || !owner.isAlive()) {
                    OWNERS.set(i, new WeakReference<>(thread));
                    return i;
                }
            }
            OWNERS.add(new WeakReference<>(thread));
            return OWNERS.size() - 1;
        }
    }

    /** Notes the object a gate let this thread through to, for {@link #get()}. */
    void entered(Object target) {
        this.target = target;
    }

    /**
     * The object the gate entered last let this call through to: what a generated facade calls, right
     * after entering (nothing runs on this thread in between). Read once: the reference is dropped, so
     * an idle thread never keeps a swapped-out implementation alive.
     */
    @Override
    public Object get() {
        Object t = target;
        target = null;
        return t;
    }

    /** A generated facade's call begins; {@code sampled}: it is timed from now. */
    void begin(boolean sampled) {
        int d = depth++;
        if (sampled && d < started.length) { // deeper than 8 nested facade calls: not timed
            started[d] = System.nanoTime();
        }
    }

    /** @return when the call that ends started if it was timed, else 0 */
    long end() {
        int d = --depth;
        if (d >= started.length) {
            return 0;
        }
        long t0 = started[d];
        if (t0 != 0) {
            started[d] = 0;
        }
        return t0;
    }

    /** @return whether this call is one of the one in 64 timed for the latency samples */
    boolean sampled() {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return (x & LatencySamples.SAMPLE_MASK) == 0;
    }

}
