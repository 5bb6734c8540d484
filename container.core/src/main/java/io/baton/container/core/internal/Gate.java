package io.baton.container.core.internal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The quiescence gate in front of one facade: counts calls in flight and, while a swap holds it
 * closed, makes new calls wait (delayed, never failed).
 *
 * <p>States: OPEN -close(swap)-> CLOSED -open()-> OPEN. While CLOSED, a thread that is already inside
 * a gate closed by the same swap passes through (A calls B, both swapped), so a swap never waits on
 * its own callers; such a thread is counted in flight and drained like any other.
 *
 * <p>The open fast path is one atomic increment, one volatile read and a thread-local push: no lock.
 * Thread-safe.
 */
public final class Gate {
    /** The gates the current thread is inside, innermost last. */
    private static final ThreadLocal<ArrayDeque<Gate>> INSIDE = ThreadLocal.withInitial(ArrayDeque::new);

    /*
     * Calls in flight = entries - exits. An entry that finds the gate closed is taken back (entries
     * decremented), so exits counts exactly the calls completed through this gate: the facade's call
     * count, without a counter of its own on the hot path. Read exits before entries: entries only
     * grow between the two reads, except by attempts that are taken back, so the difference never
     * shows 0 while a call is inside.
     */
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong exits = new AtomicLong();
    private final Object monitor = new Object();
    private volatile Object closedBy;
    private volatile Object target;
    private final AtomicLong waitedCalls = new AtomicLong();
    /** Arrival of the first held call since the last close: it waits the longest. */
    private final AtomicLong firstWaitStart = new AtomicLong(Long.MAX_VALUE);
    private volatile long longestWaitNanos;

    public Gate(Object target) {
        this.target = target;
    }

    /**
     * Enters the gate, waiting while it is closed.
     *
     * @return the object to call; {@link #exit()} must follow in a {@code finally}
     */
    public Object enter() {
        return enter(INSIDE.get());
    }

    /** The gates the current thread is inside: look it up once per call and hand it to enter and exit. */
    static ArrayDeque<Gate> inside() {
        return INSIDE.get();
    }

    /** As {@link #enter()}, with the thread's {@link #inside()} already looked up (one thread-local read a call, not two). */
    Object enter(ArrayDeque<Gate> inside) {
        while (true) {
            entries.incrementAndGet();
            Object swap = closedBy;
            if (swap == null || passesThrough(inside, swap)) {
                inside.addLast(this);
                return target;
            }
            entries.decrementAndGet();
            awaitOpen();
        }
    }

    public void exit() {
        exit(INSIDE.get());
    }

    void exit(ArrayDeque<Gate> inside) {
        inside.pollLast();
        exits.incrementAndGet();
    }

    private static boolean passesThrough(ArrayDeque<Gate> inside, Object swap) {
        for (Gate g : inside) {
            if (g.closedBy == swap) {
                return true;
            }
        }
        return false;
    }

    private void awaitOpen() {
        waitedCalls.incrementAndGet();
        firstWaitStart.accumulateAndGet(System.nanoTime(), Math::min);
        boolean interrupted = false;
        synchronized (monitor) {
            while (closedBy != null) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // a held call is delayed, never failed; keep the flag for the caller
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the gate for {@code swap}: new calls wait from now on. Resets the wait statistics. */
    public void close(Object swap) {
        waitedCalls.set(0);
        firstWaitStart.set(Long.MAX_VALUE);
        longestWaitNanos = 0;
        closedBy = swap;
    }

    /**
     * Waits until no call is in flight.
     *
     * @return true when drained, false if calls were still in flight at {@code deadlineNanos}
     */
    public boolean awaitDrained(long deadlineNanos) {
        int spins = 0;
        while (inFlight() > 0) {
            if (System.nanoTime() - deadlineNanos > 0) {
                return false;
            }
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(20));
            }
        }
        return true;
    }

    /** Points the gate at another object (only while closed and drained, or before first use). */
    public void retarget(Object newTarget) {
        target = newTarget;
    }

    /** Opens the gate and releases every waiting call. */
    public void open() {
        synchronized (monitor) {
            closedBy = null;
            monitor.notifyAll();
        }
        long first = firstWaitStart.get();
        longestWaitNanos = first == Long.MAX_VALUE ? 0 : System.nanoTime() - first;
    }

    public Object target() {
        return target;
    }

    public boolean isClosed() {
        return closedBy != null;
    }

    public int inFlight() {
        long completed = exits.get();
        return (int) (entries.get() - completed);
    }

    /** Calls completed through this gate since it was made. */
    public long completed() {
        return exits.get();
    }

    public long waitedCalls() {
        return waitedCalls.get();
    }

    /** @return how long the first call held since the last close waited (until {@link #open()}) */
    public long longestWaitNanos() {
        return longestWaitNanos;
    }
}
