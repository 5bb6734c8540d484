package io.baton.container.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;

/** The gate with real threads: held calls wait and are never failed; drain is bounded; re-entry passes. */
public class GateTest {
    final Object swap = new Object();

    @Test
    public void anOpenGateLetsCallsThroughToTheTarget() {
        Gate gate = new Gate("v1");
        assertSame("v1", gate.enter());
        assertEquals(1, gate.inFlight());
        gate.exit();
        assertEquals(0, gate.inFlight());
    }

    @Test
    public void aClosedGateHoldsNewCallsUntilItOpensOnTheNewTarget() throws Exception {
        Gate gate = new Gate("v1");
        gate.close(swap);
        AtomicReference<Object> seen = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            seen.set(gate.enter());
            gate.exit();
            done.countDown();
        });
        caller.start();
        assertFalse("held while closed", done.await(100, TimeUnit.MILLISECONDS));

        gate.retarget("v2");
        gate.open();

        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals("v2", seen.get());
        assertEquals(1, gate.waitedCalls());
        assertTrue(gate.longestWaitNanos() >= TimeUnit.MILLISECONDS.toNanos(90));
    }

    @Test
    public void drainWaitsForCallsInFlightAndGivesUpAtItsDeadline() throws Exception {
        Gate gate = new Gate("v1");
        gate.enter();
        gate.close(swap);
        assertFalse(gate.awaitDrained(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50)));
        gate.exit();
        assertTrue(gate.awaitDrained(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50)));
        gate.open();
    }

    @Test
    public void aThreadInsideAGateOfTheSameSwapPassesAnotherClosedGate() {
        Gate a = new Gate("a");
        Gate b = new Gate("b");
        a.enter(); // A is running and is about to call B
        a.close(swap);
        b.close(swap);
        assertSame("no deadlock: A's call reaches B", "b", b.enter());
        b.exit();
        a.exit();
        assertTrue(a.awaitDrained(System.nanoTime()));
        a.open();
        b.open();
    }

    @Test
    public void aThreadInsideAGateOfAnotherSwapWaits() throws Exception {
        Gate a = new Gate("a");
        Gate b = new Gate("b");
        b.close(swap);
        CountDownLatch done = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            a.enter();
            try {
                b.enter();
                b.exit();
            } finally {
                a.exit();
            }
            done.countDown();
        });
        caller.start();
        assertFalse(done.await(100, TimeUnit.MILLISECONDS));
        b.open();
        assertTrue(done.await(5, TimeUnit.SECONDS));
    }
}
