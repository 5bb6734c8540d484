package io.baton.container.core.spi;

import io.baton.container.core.SwapInProgressException;
import io.baton.container.core.SwapProgress;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.statexfer.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The swap engine as Baton's own modules use it, beside the public {@link io.baton.container.core.Container}.
 * Registered by container.core. Thread-safe; swaps run one at a time.
 */
@ProviderType
public interface Engine {

    /**
     * A swap of the given kind.
     *
     * @param restore snapshots to import, by service identity, where no migration chain leads from
     *     the running state to the target's schema (a rollback without down-migrators); read only
     *     when needed, so it may load lazily; never null
     * @param progress told of each phase as it completes, or null
     * @return the report: SWAPPED, or REFUSED/ABORTED with the phase and the cause
     * @throws SwapInProgressException if another swap runs
     */
    SwapReport swap(SwapRequest request, SwapKind kind, Map<String, Snapshot> restore, SwapProgress progress);

    /**
     * @return the threads running application code (exportState, importState, an activator, a
     *     migrator...) that Baton gave up waiting for and that still run, each with what it runs and
     *     where it is; empty when none
     */
    List<String> abandonedThreads();

    /** @return call counts of every facade's current implementation */
    List<CallStats> callStats();

    /**
     * Watches calls through every facade: {@code signal} is told the {@link System#nanoTime()} of each
     * call that fails and of each sampled call (about one in 64) slower than {@code slowNanos}, on the
     * caller's thread, right after it was counted. It must return at once (hand the work to another
     * thread). One watcher at a time; a new one replaces the old.
     *
     * @param slowNanos the sampled duration above which a call is signalled; 0 or less for none
     * @param signal the watcher, or null to stop watching
     */
    void watchCalls(long slowNanos, LongConsumer signal);

    /**
     * Crash recovery: snapshots to import into the services of these identities when their facades are
     * next published (before any call reaches them). Identities already published are ignored.
     *
     * @param snapshots by service identity
     */
    void restoreAtStart(Map<String, Snapshot> snapshots);
}
