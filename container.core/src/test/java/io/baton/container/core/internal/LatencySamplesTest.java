package io.baton.container.core.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.Arrays;
import org.junit.Test;

/** The facade's latency samples: percentiles of the latest samples, and a histogram of all of them. */
public class LatencySamplesTest {

    @Test
    public void percentilesNeedEnoughSamplesThenComeFromTheLatestOnes() {
        LatencySamples s = new LatencySamples(100);
        for (int i = 1; i <= 19; i++) {
            s.record(i * 1000L);
        }
        assertArrayEquals("too few samples", new long[] {-1, -1, -1}, s.percentiles(20, 0.5, 0.9, 0.99));
        for (int i = 20; i <= 100; i++) {
            s.record(i * 1000L);
        }
        assertArrayEquals(new long[] {50_000, 90_000, 99_000}, s.percentiles(20, 0.5, 0.9, 0.99));
        // the ring keeps the latest 100: a hundred fast calls push the slow ones out of the percentiles
        for (int i = 0; i < 100; i++) {
            s.record(10);
        }
        assertArrayEquals(new long[] {10, 10}, s.percentiles(20, 0.5, 0.99));
    }

    @Test
    public void theHistogramCountsEverySampleInTheBucketOfItsUpperBoundAndNeverForgets() {
        LatencySamples s = new LatencySamples(4);
        s.record(1_000);          // on the first bound: first bucket
        s.record(1_001);          // just above: second bucket
        s.record(700_000);        // 500 us < d <= 1 ms
        s.record(60_000_000_000L); // above every bound: the last bucket
        for (int i = 0; i < 10; i++) {
            s.record(3_000); // more than the ring holds: the histogram keeps them all
        }
        long[] counts = s.bucketCounts();
        assertEquals(LatencySamples.BOUNDS_NANOS.length + 1, counts.length);
        assertEquals(1, counts[0]);
        assertEquals(1, counts[1]);
        assertEquals(10, counts[2]);
        assertEquals(1, counts[Arrays.binarySearch(LatencySamples.BOUNDS_NANOS, 1_000_000L)]);
        assertEquals(1, counts[counts.length - 1]);
        assertEquals(14, Arrays.stream(counts).sum());
        assertEquals(1_000 + 1_001 + 700_000 + 60_000_000_000L + 30_000, s.sumNanos());
    }
}
