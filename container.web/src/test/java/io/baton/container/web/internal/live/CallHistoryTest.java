package io.baton.container.web.internal.live;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.baton.container.core.spi.CallStats;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Rates from the engine's per-implementation counts, sampled once a second, across a swap. */
public class CallHistoryTest {
    private static final String CART = "io.baton.example.cart.impl|cart";

    private static CallStats stats(long bundleId, String version, long since, long calls, long failures) {
        CallStats s = new CallStats();
        s.identity = CART;
        s.bundleId = bundleId;
        s.symbolicName = "io.baton.example.cart.impl";
        s.version = version;
        s.since = since;
        s.calls = calls;
        s.failures = failures;
        s.p99Nanos = -1;
        return s;
    }

    @Test
    public void ratesAreTakenBetweenSamplesOfOneImplementationAndANewOneCountsFromItsStart() {
        CallHistory h = new CallHistory(100);
        h.add(10_000, List.of(stats(5, "2.0.0", 0, 1000, 0)));
        h.add(11_000, List.of(stats(5, "2.0.0", 0, 1200, 10)));
        CallHistory.Rate r = h.lastRate(CART);
        assertEquals(200, r.callsPerSecond(), 0.001);
        assertEquals(10, r.failuresPerSecond(), 0.001);

        // the swap: a new implementation since 11 500 ms, its counts start again from 0
        h.add(12_000, List.of(stats(7, "3.0.0", 11_500, 50, 0)));
        assertEquals("50 calls in the half second it served", 100, h.lastRate(CART).callsPerSecond(), 0.001);
        assertEquals("3.0.0", h.latest().get(CART).stats().version);

        Map<String, List<CallHistory.Rate>> series = h.series(10_500);
        assertEquals(2, series.get(CART).size());
        assertEquals(11_000, series.get(CART).get(0).at());
        assertEquals("nothing after the last sample", Map.of(), h.series(12_000));
    }

    @Test
    public void theWindowCountsOnlyTheCurrentImplementationWithinIt() {
        CallHistory h = new CallHistory(100);
        h.add(1_000, List.of(stats(5, "2.0.0", 0, 100, 0)));
        h.add(2_000, List.of(stats(7, "3.0.0", 1_500, 10, 1)));
        h.add(3_000, List.of(stats(7, "3.0.0", 1_500, 30, 4)));
        h.add(4_000, List.of(stats(7, "3.0.0", 1_500, 70, 9)));
        assertArrayEquals("began within the window: all its calls", new long[] {70, 9}, h.window(CART, 5_000));
        assertArrayEquals("the last second only", new long[] {40, 5}, h.window(CART, 1_000));
        assertArrayEquals("the last two seconds", new long[] {60, 8}, h.window(CART, 2_000));
        assertNull(h.window("unknown", 1_000));
    }

    @Test
    public void onlyTheNewestSamplesAreKeptAndFacadesGoneAreNotLatest() {
        CallHistory h = new CallHistory(3);
        for (int i = 1; i <= 10; i++) {
            h.add(i * 1000L, List.of(stats(5, "2.0.0", 0, i * 10L, 0)));
        }
        assertEquals(3, h.series(0).get(CART).size());
        CallStats other = stats(9, "1.0.0", 0, 5, 0);
        other.identity = "other|svc";
        h.add(11_000, List.of(other));
        assertEquals("the cart was not reported at the last sample", List.of("other|svc"), List.copyOf(h.latest().keySet()));
    }
}
