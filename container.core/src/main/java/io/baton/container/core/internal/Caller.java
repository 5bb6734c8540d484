package io.baton.container.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the current thread carries through facades: its slot (a row of its own in every
 * {@link SlotCounters}, so its counts share no cache line with another thread's) and the gates it is
 * inside, innermost last (for a swap's own nested calls, see {@link Gate}). One thread-local read per
 * call gives both. Not thread-safe: one per thread.
 *
 * <p>Slots are reused, not leaked: a thread claims the lowest slot whose owner has terminated
 * ({@link Thread#isAlive()} false, which also makes the dead owner's last writes visible to the new
 * owner, JLS 17.4.4), so the slots in use never exceed the most threads ever alive at once that called
 * through a facade, however many short-lived threads come and go.
 */
final class Caller {
    private static final ThreadLocal<Caller> CURRENT = ThreadLocal.withInitial(() -> new Caller(claim(Thread.currentThread())));
    /** Slot owners, index = slot; a dead owner's slot is free. Guarded by itself. */
    private static final List<Thread> OWNERS = new ArrayList<>();

    final int slot;
    private Gate[] inside = new Gate[4];
    private int depth;

    private Caller(int slot) {
        this.slot = slot;
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
                if (!OWNERS.get(i).isAlive()) {
                    OWNERS.set(i, thread);
                    return i;
                }
            }
            OWNERS.add(thread);
            return OWNERS.size() - 1;
        }
    }

    void push(Gate gate) {
        if (depth == inside.length) {
            inside = Arrays.copyOf(inside, depth * 2);
        }
        inside[depth++] = gate;
    }

    void pop() {
        inside[--depth] = null; // no reference kept to a gate (and so its target) the thread left
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
