package io.baton.container.core.spi;

import org.osgi.dto.DTO;

/** Calls through one facade into its current implementation since that implementation took over. */
public class CallStats extends DTO {
    public String identity;
    public long bundleId;
    public String symbolicName;
    public String version;
    /**
     * The operation these counts are for, e.g. {@code add(String,String,int)}, or {@code *} for every
     * call through the facade (that row alone has a p99).
     */
    public String operation = "*";
    /** Calls that returned or threw. */
    public long calls;
    /** Calls that threw (any Throwable from the implementation). */
    public long failures;
    /** 99th percentile of the latest sampled call durations (about 1 call in 64), nanoseconds; -1 with too few samples. */
    public long p99Nanos;
    /** Median of the same samples as {@link #p99Nanos}, nanoseconds; -1 with too few samples. */
    public long p50Nanos = -1;
    /** 90th percentile of the same samples as {@link #p99Nanos}, nanoseconds; -1 with too few samples. */
    public long p90Nanos = -1;
    /**
     * Upper bounds (inclusive, ascending, nanoseconds) of the latency histogram's buckets; the same for
     * every row. {@link #latencyCounts} has one more entry, for durations above the last bound.
     */
    public long[] latencyBoundsNanos = new long[0];
    /**
     * Sampled calls (about 1 call in 64) per bucket since this implementation took over: entry {@code i}
     * counts durations in ({@code bounds[i-1]}, {@code bounds[i]}], the last entry those above every bound.
     * Not cumulative; their sum is the number of sampled calls.
     */
    public long[] latencyCounts = new long[0];
    /** Sum of the sampled call durations counted in {@link #latencyCounts}, nanoseconds. */
    public long latencySumNanos;
    /** Milliseconds since the epoch when this implementation started serving through the facade. */
    public long since;
}
