package io.baton.container.core.internal;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The quiescence gate in front of one facade view: counts calls in flight and, while a swap holds it
 * closed, makes new calls wait (delayed, never failed).
 *
 * <p>States: OPEN -close(swap)-> CLOSED -open()-> OPEN. While CLOSED, a thread that is already inside
 * a gate closed by the same swap passes through (A calls B, both swapped), so a swap never waits on
 * its own callers; such a thread is counted in flight and drained like any other. The gates a thread
 * is inside are not tracked on the fast path: when a gate is closed, its own rows in the swap's other
 * gates say it (slow path only).
 *
 * <p><b>The open path shares nothing.</b> Each thread counts its entries and exits in its own row of a
 * {@link SlotCounters} (no atomic read-modify-write, no cache line written by another thread, no
 * reference stored); the drain sums the rows. The only shared memory a call touches is read-only while the gate is open
 * ({@code closedBy}, {@code target}). Exits count the calls completed through the gate, so the
 * facade's call count costs nothing more.
 *
 * <p><b>Why a call cannot slip past a drain.</b> The entry is a volatile write of the thread's own
 * entry counter followed by a volatile read of {@code closedBy}; {@link #close} is a volatile write of
 * {@code closedBy} followed, in {@link #awaitDrained}, by volatile reads of every row. Volatile
 * accesses are totally ordered (sequential consistency for data-race-free volatile actions), so for a
 * caller C and the closer S one of these holds:
 * <table>
 * <caption>entry vs close</caption>
 * <tr><th>synchronization order</th><th>S's sum after its close</th><th>C's read of closedBy</th><th>outcome</th></tr>
 * <tr><td>C's entry write before S's close write</td><td>counts C</td><td>open or CLOSED</td>
 *     <td>if open, C runs and the drain waits for its exit; if CLOSED, C takes its entry back and waits,
 *     and the drain waits for the take-back</td></tr>
 * <tr><td>S's close write before C's entry write</td><td>may or may not count C</td><td>CLOSED (it comes
 *     after C's write)</td><td>C takes its entry back and waits for {@link #open}; it never runs while closed</td></tr>
 * </table>
 * A row's exits are read before its
 * entries and a thread's exits never pass its entries, so a sum taken while rows change is never lower
 * than the calls in flight when its last row was read: the drain may wait a little longer, never less.
 * The store-load fence of the volatile entry write is the one cost of this on the fast path; exits are
 * releasing stores (no fence).
 *
 * <p>Thread-safe.
 */
public final class Gate {
    private static final int ENTERED = 0;
    private static final int EXITED = 1;
    /**
     * The gates each swap holds closed, for the pass-through check (slow path only). Weak keys: a gate
     * closed by a swap and never opened (its view ended meanwhile) is forgotten with the swap.
     */
    private static final Map<Object, Set<Gate>> CLOSED = Collections.synchronizedMap(new WeakHashMap<>());

    private final SlotCounters calls = new SlotCounters(2);
    private final Object monitor = new Object();
    private volatile Object closedBy;
    private volatile Object target;
    // the statistics of held calls are written only by calls that wait: off the open path
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
        return enter(Caller.current());
    }

    /** As {@link #enter()}, with the thread's {@link Caller} already looked up (one thread-local read a call, not two). */
    Object enter(Caller caller) {
        while (true) {
            calls.incrementVolatile(caller.slot, ENTERED);
            Object swap = closedBy;
            if (swap == null || insideGateClosedBy(caller, swap)) {
                return target; // passing through stays counted: the drain waits for it like any call
            }
            calls.decrement(caller.slot, ENTERED);
            awaitOpen();
        }
    }

    /**
     * Whether the calling thread is inside a gate that {@code swap} closed: its own rows in those gates'
     * counters (which only it writes, so it reads them exactly) show a call in flight, not counting the
     * entry it just made here.
     */
    private boolean insideGateClosedBy(Caller caller, Object swap) {
        Set<Gate> gates = CLOSED.get(swap);
        if (gates == null) {
            return false;
        }
        for (Gate g : gates) {
            long own = g.calls.ownDifference(caller.slot, ENTERED, EXITED) - (g == this ? 1 : 0);
            if (own > 0) {
                return true;
            }
        }
        return false;
    }

    public void exit() {
        exit(Caller.current());
    }

    void exit(Caller caller) {
        calls.increment(caller.slot, EXITED);
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
        CLOSED.computeIfAbsent(swap, k -> ConcurrentHashMap.newKeySet()).add(this);
        closedBy = swap;
    }

    /**
     * Waits until no call is in flight (call after {@link #close}: see the class comment for why a sum
     * of 0 then means drained).
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
        Object swap;
        synchronized (monitor) {
            swap = closedBy;
            closedBy = null;
            monitor.notifyAll();
        }
        if (swap != null) {
            Set<Gate> gates = CLOSED.get(swap);
            if (gates != null) {
                gates.remove(this);
            }
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
        return (int) calls.difference(ENTERED, EXITED);
    }

    /** Calls completed through this gate since it was made. */
    public long completed() {
        return calls.sum(EXITED);
    }

    public long waitedCalls() {
        return waitedCalls.get();
    }

    /** @return how long the first call held since the last close waited (until {@link #open()}) */
    public long longestWaitNanos() {
        return longestWaitNanos;
    }

    /** @return the counter segments this gate made: bounded by the threads alive at once, for tests */
    int counterSegments() {
        return calls.segmentCount();
    }
}
