package io.baton.example.cart.impl.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class FaultyCartServiceTest {

    @Test
    public void byDefaultEveryFourthAddFailsAndChangesNothing() {
        FaultyCartService carts = new FaultyCartService(FaultPlan.parse(null));
        assertEquals(1, carts.add("c1", "a", 1));
        assertEquals(2, carts.add("c1", "a", 1));
        assertEquals(3, carts.add("c1", "a", 1));
        IllegalStateException fault = assertThrows(IllegalStateException.class, () -> carts.add("c1", "a", 1));
        assertTrue(fault.getMessage(), fault.getMessage().startsWith("cart 3.1.0 fault"));
        assertEquals(Map.of("a", 3), carts.lines("c1"));
        assertEquals(List.of("c1"), carts.carts());
        assertEquals(4, carts.add("c1", "a", 1));
    }

    @Test
    public void readsAndRemovesNeverFail() {
        FaultyCartService carts = new FaultyCartService(new FaultPlan(1));
        assertThrows(IllegalStateException.class, () -> carts.add("c1", "a", 1));
        for (int i = 0; i < 10; i++) {
            assertEquals(Map.of(), carts.lines("c1"));
            assertEquals(List.of(), carts.carts());
            assertEquals(0, carts.remove("c1", "a", 1));
        }
    }

    @Test
    public void rateZeroNeverFailsAndRateOneAlwaysFails() {
        FaultPlan never = FaultPlan.parse("0");
        FaultPlan always = FaultPlan.parse(" 1.0 ");
        for (int i = 0; i < 100; i++) {
            never.next();
            assertThrows(IllegalStateException.class, always::next);
        }
    }

    @Test
    public void failuresAreTheRequestedShareUnderConcurrentCalls() throws InterruptedException {
        FaultPlan plan = FaultPlan.parse("0.1");
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 10_000; i++) {
            pool.execute(() -> {
                try {
                    plan.next();
                } catch (IllegalStateException e) {
                    failed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(1_000, failed.get());
    }

    @Test
    public void aBadRateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("often"));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("1.5"));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("-0.1"));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("NaN"));
    }
}
