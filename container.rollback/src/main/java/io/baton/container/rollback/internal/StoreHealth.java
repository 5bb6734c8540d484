package io.baton.container.rollback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Damage found in the store when Baton started (a file that could not be read, a crash recovery that
 * could not be completed): the rollback subsystem runs all the same, DEGRADED, and refuses new swaps
 * until an operator has read what happened and acknowledged it, so that no swap runs without the
 * safety net it believes it has. Thread-safe.
 */
final class StoreHealth {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);

    private final List<String> damage = new CopyOnWriteArrayList<>();

    void damaged(String what) {
        LOG.error("Rollback store DEGRADED: {}", what);
        damage.add(what);
    }

    boolean degraded() {
        return !damage.isEmpty();
    }

    List<String> damage() {
        return new ArrayList<>(damage);
    }

    /** @return what was acknowledged */
    List<String> acknowledge() {
        List<String> acknowledged = damage();
        damage.clear();
        acknowledged.forEach(d -> LOG.warn("Rollback store damage acknowledged by an operator: {}", d));
        return acknowledged;
    }
}
