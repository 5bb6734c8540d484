package io.baton.container.core;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** What to swap, and the bounds to swap within. Fields left at their defaults use Baton's. */
public class SwapRequest extends DTO {
    /**
     * Jar paths or URLs of the new bundle versions, or {@code bundle:<id>} for a retired version still
     * installed; each must replace one managed bundle.
     */
    public List<String> targets = new ArrayList<>();
    /** Longest time calls may be held at closed gates; past it the swap aborts. Default 2000 ms. */
    public long maxPauseMillis = 2000;
    /** Longest wait for calls in flight to leave the old objects. Default 1000 ms. */
    public long drainTimeoutMillis = 1000;
    /** Longest time for the whole migration chain of one state. Default 1000 ms (bounded by maxPause). */
    public long migrationTimeoutMillis = 1000;
    /** Longest wait for the staged bundles' services to appear. Default 10000 ms. */
    public long stageTimeoutMillis = 10_000;
    /** Cap on one state snapshot, in bytes; 0 for none. Default 256 MiB. */
    public long maxStateBytes = 256L << 20;
    /** Allow a swap whose API change needs a refresh of its consumers. Default false. */
    public boolean allowRefresh;
    /** Probation after the swap, for container.rollback; negative for its configured default. */
    public long probationMillis = -1;
    /**
     * Keep the old version active but hidden after the swap (a warm standby), so that a rollback during
     * probation starts and resolves nothing; its {@link Quiescable} objects stay suspended, other threads
     * of its own keep running. False: the old bundles are stopped at RETIRE (cold). Default true. A
     * bundle that registers services under classes (which have no facade to hide them) is always stopped.
     */
    public boolean standby = true;

    /** A request for these targets with default bounds. */
    public static SwapRequest of(String... targets) {
        SwapRequest r = new SwapRequest();
        r.targets = new ArrayList<>(List.of(targets));
        return r;
    }
}
