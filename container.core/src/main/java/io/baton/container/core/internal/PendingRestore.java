package io.baton.container.core.internal;

import io.baton.container.statexfer.SchemaVersion;
import io.baton.container.statexfer.Snapshot;
import io.baton.container.statexfer.Stateful;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State waiting for a service that has not been published yet: a checkpoint's snapshots at crash
 * recovery, or the state of a refresh's consumers while they restart. Imported into the service
 * object before its facade is published, so no call ever sees it empty. Guarded by the
 * {@link Facades} monitor.
 */
final class PendingRestore {
    private static final Logger LOG = LoggerFactory.getLogger(PendingRestore.class);

    private final Map<String, Snapshot> pending = new HashMap<>();

    void put(String identity, Snapshot snapshot) {
        pending.put(identity, snapshot);
    }

    /** Imports the state pending for {@code identity}, if any, into {@code target}; a mismatch is logged, never fatal. */
    void importInto(String identity, ServiceReference<?> ref, Object target) {
        Snapshot snapshot = pending.remove(identity);
        if (snapshot == null) {
            return;
        }
        Object version = ref.getProperty(Stateful.STATE_VERSION);
        if (!(target instanceof Stateful) || !snapshot.type.equals(ref.getProperty(Stateful.STATE_TYPE)) || !sameVersion(snapshot, version)) {
            LOG.error("Pending state {} v{} does not fit {} ({}={}): not imported", snapshot.type, snapshot.version, identity,
                    Stateful.STATE_VERSION, version);
            return;
        }
        try {
            ((Stateful) target).importState(snapshot.data);
            LOG.info("Pending state {} v{} (recovery or refresh) imported into {} before it was published", snapshot.type, snapshot.version, identity);
        } catch (RuntimeException e) {
            LOG.error("{} refused its pending state (recovery or refresh): {}", identity, e.toString());
        }
    }

    private static boolean sameVersion(Snapshot snapshot, Object version) {
        try {
            return SchemaVersion.parse(version, Stateful.STATE_VERSION, "the service") == snapshot.version;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
