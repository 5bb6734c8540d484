package io.baton.container.rollback.internal;

import io.baton.container.core.spi.SwapTicket;
import io.baton.container.rollback.CheckpointInfo;
import java.util.Map;

/**
 * What the rollback subsystem gathers about one swap between its participant callbacks: the call
 * baselines of the old version (before the gates closed), the checkpoint's bundle set and
 * configurations (gathered before the pause), and the checkpoint once written (in the pause).
 * Owned by the one swapping thread.
 */
final class PendingSwap {
    final SwapTicket ticket;
    /** Failure rate per service identity of the old version before the swap. */
    final Map<String, Double> baselines;
    /** p99 latency per service identity of the old version before the swap. */
    final Map<String, Long> baselineP99;
    /** The checkpoint to write, without its state yet; null for a rollback (it returns to one). */
    final CheckpointInfo info;
    final Map<String, Map<String, Object>> configurations;
    /** The checkpoint written before the point of no return, or null. */
    CheckpointInfo checkpoint;

    PendingSwap(SwapTicket ticket, Map<String, Double> baselines, Map<String, Long> baselineP99, CheckpointInfo info,
            Map<String, Map<String, Object>> configurations) {
        this.ticket = ticket;
        this.baselines = baselines;
        this.baselineP99 = baselineP99;
        this.info = info;
        this.configurations = configurations;
    }

    /** @return {@code symbolicName/component} of the components the version replaced did not have active */
    java.util.Set<String> notRequired() {
        java.util.Set<String> names = new java.util.HashSet<>();
        ticket.report().inactiveComponents.forEach(c -> names.add(c.symbolicName + "/" + c.component));
        return names;
    }

    boolean isFor(SwapTicket other) {
        return ticket.id().equals(other.id());
    }
}
