package io.baton.container.core.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the current thread carries through facades: its slot (a row of its own in every
 * {@link SlotCounters}, so its counts share no cache line with another thread's) and the gates it is
 * inside, innermost last (for a swap's own nested calls, see {@link Gate}). One thread-local read per
 * call gives both. Not thread-safe: one per thread.
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
    private Gate[] inside = new Gate[4];
    /** Per gate entered: the object it let the call through to, and when a sampled call started (0: not sampled). */
    private Object[] targets = new Object[4];
    private long[] started = new long[4];
    private int depth;
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

    void push(Gate gate, Object target) {
        if (depth == inside.length) {
            inside = Arrays.copyOf(inside, depth * 2);
            targets = Arrays.copyOf(targets, depth * 2);
            started = Arrays.copyOf(started, depth * 2);
        }
        inside[depth] = gate;
        targets[depth] = target;
        started[depth++] = 0;
    }

    void pop() {
        depth--;
        inside[depth] = null; // no reference kept to a gate (or its target) the thread left
        targets[depth] = null;
    }

    /** The object the innermost gate let this call through to: what a generated facade calls. */
    @Override
    public Object get() {
        return targets[depth - 1];
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

    /** Marks the innermost call as sampled, started at {@code nanos}. */
    void startedAt(long nanos) {
        started[depth - 1] = nanos;
    }

    /** @return when the innermost call started if it is sampled, else 0 */
    long started() {
        return started[depth - 1];
    }

    /** @return whether this thread is inside a gate that {@code swap} closed */
    boolean insideGateClosedBy(Object swap) {
        for (int i = 0; i < depth; i++) {
            if (inside[i].closedBy() == swap) {
                return true;
            }
        }
        return false;
    }
}
