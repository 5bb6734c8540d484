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
    /** 99th percentile of sampled call durations (about 1 call in 64), nanoseconds; -1 with too few samples. */
    public long p99Nanos;
    /** Milliseconds since the epoch when this implementation started serving through the facade. */
    public long since;
}
