package io.baton.container.web.internal.metrics;

import static org.junit.Assert.assertEquals;

import io.baton.container.core.spi.CallStats;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import org.junit.Test;

/** The engine's latency histogram as Prometheus buckets: bounds in seconds, +Inf last, counts kept per bucket. */
public class FacadeCollectorTest {

    @Test
    public void theEnginesBucketsBecomeClassicBucketsWithInfinityLast() {
        CallStats s = new CallStats();
        s.latencyBoundsNanos = new long[] {1_000, 1_000_000};
        s.latencyCounts = new long[] {3, 4, 5};
        ClassicHistogramBuckets b = FacadeCollector.buckets(s);
        assertEquals(3, b.size());
        assertEquals(1e-6, b.getUpperBound(0), 0);
        assertEquals(1e-3, b.getUpperBound(1), 0);
        assertEquals(Double.POSITIVE_INFINITY, b.getUpperBound(2), 0);
        assertEquals(3, b.getCount(0));
        assertEquals(4, b.getCount(1));
        assertEquals(5, b.getCount(2));
    }
}
