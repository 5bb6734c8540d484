package io.baton.container.core.internal;

import io.baton.container.statexfer.Snapshot;

/**
 * How the state of one service crosses a swap: its type, from the old object's schema version to the
 * new one's, along a migrator chain, or, where no chain exists and the request carries one (a
 * rollback), by importing a stored snapshot instead.
 */
final class StateMove {
    final String identity;
    final String type;
    final int from;
    final int to;
    /** The snapshot to import instead of migrating, or null to migrate the live state. */
    final Snapshot restore;

    StateMove(String identity, String type, int from, int to, Snapshot restore) {
        this.identity = identity;
        this.type = type;
        this.from = from;
        this.to = to;
        this.restore = restore;
    }
}
