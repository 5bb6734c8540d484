package io.baton.container.rollback.internal;

import io.baton.container.core.spi.SwapTicket;
import io.baton.container.rollback.CheckpointInfo;
import java.util.Map;

/**
 * What the rollback subsystem gathers about one swap between its participant callbacks: the call
 * baselines of the old version (before the gates closed), the checkpoint's bundle set and
 * configurations (prepared on disk before the pause), and the state exported in the pause (written after it).
 * Owned by the one swapping thread.
 */
final class PendingSwap {
    final SwapTicket ticket;
    /** Failure rate per service identity and operation of the old version before the swap ({@link Probation#key}). */
    final Map<String, Double> baselines;
    /** p99 latency per service identity of the old version before the swap. */
    final Map<String, Long> baselineP99;
    /** The checkpoint to write, without its state yet; null for a rollback (it returns to one). */
    final CheckpointInfo info;
    final Map<String, Map<String, Object>> configurations;
    /** The checkpoint prepared before the pause (its set), completed with its state after the gates reopen; or null. */
    CheckpointInfo checkpoint;
    /** The state exported in the pause, written with the checkpoint once the gates are open. */
    Map<String, io.baton.container.statexfer.Snapshot> exported = Map.of();

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
