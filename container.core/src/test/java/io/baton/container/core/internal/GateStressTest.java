package io.baton.container.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

/**
 * The per-thread gate under real threads: callers hammer one gate while another thread closes,
 * drains and reopens it thousands of times. Not timed: it asserts the drain protocol's invariants.
 */
public class GateStressTest {
    private static final int CALLERS = 4;
    private static final int CYCLES = 3_000;

    @Test
    public void noCallRunsWhileDrainedAndNoneIsLostOrFailed() throws Exception {
        Gate gate = new Gate("v0");
        AtomicInteger running = new AtomicInteger(); // calls between enter and exit, as the callers see them
        AtomicBoolean drained = new AtomicBoolean(); // set by the closer between a successful drain and open
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong made = new AtomicLong();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(CALLERS);
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            Thread caller = new Thread(() -> {
                started.countDown();
                while (!stop.get()) {
                    Object target = gate.enter();
                    try {
                        running.incrementAndGet();
                        if (drained.get()) {
                            violations.add("a call ran on " + target + " while the gate was drained and closed");
                        }
                        Thread.onSpinWait(); // a little work inside, so drains meet calls in flight
                    } finally {
                        running.decrementAndGet();
                        gate.exit();
                    }
                    made.incrementAndGet();
                }
            }, "stress-caller-" + t);
            callers.add(caller);
            caller.start();
        }
        started.await();

        // close, drain, retarget and reopen, again and again, while the callers run
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            Object swap = new Object();
            gate.close(swap);
            assertTrue("drain " + cycle + " ended in time", gate.awaitDrained(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
            drained.set(true);
            if (running.get() != 0) {
                violations.add("drain " + cycle + " returned with " + running.get() + " call(s) in flight");
            }
            gate.retarget("v" + cycle);
            for (int spin = 0; spin < 50; spin++) {
                Thread.onSpinWait(); // held calls would show here if any got through
            }
            drained.set(false);
            gate.open();
        }
        stop.set(true);
        for (Thread caller : callers) {
            caller.join(TimeUnit.SECONDS.toMillis(10));
            assertTrue(caller.getName() + " ended (no call stuck at the gate)", !caller.isAlive());
        }

        assertEquals("no violation", List.of(), new ArrayList<>(violations));
        assertEquals("every call made was counted once, none lost", made.get(), gate.completed());
        assertEquals(0, gate.inFlight());
        assertTrue("the callers made calls between the drains: " + made.get(), made.get() > CYCLES);
    }

    @Test
    public void aThousandShortLivedThreadsDoNotGrowTheCounters() throws Exception {
        Gate gate = new Gate("v1");
        int slotsBefore = Caller.slotsInUse();
        int threads = 1000;
        int concurrently = 4;
        for (int wave = 0; wave < threads / concurrently; wave++) {
            List<Thread> batch = new ArrayList<>();
            for (int t = 0; t < concurrently; t++) {
                Thread caller = new Thread(() -> {
                    gate.enter();
                    gate.exit();
                });
                batch.add(caller);
                caller.start();
            }
            for (Thread caller : batch) {
                caller.join();
            }
        }
        assertEquals("every call of the dead threads still counted", threads, gate.completed());
        assertEquals(0, gate.inFlight());
        // dead threads' slots are reused: the slots grow with the threads alive at once, not with the 1000
        int grown = Caller.slotsInUse() - slotsBefore;
        assertTrue("slots grew by " + grown + " for " + threads + " threads, at most " + concurrently + " at once",
                grown <= concurrently);
        int rowsHeld = gate.counterSegments() * SlotCounters.SEGMENT_ROWS;
        assertTrue("the gate holds rows for " + rowsHeld + " threads", rowsHeld <= Caller.slotsInUse() + SlotCounters.SEGMENT_ROWS);
    }
}
