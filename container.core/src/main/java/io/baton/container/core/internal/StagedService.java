package io.baton.container.core.internal;

import org.osgi.framework.ServiceReference;

/** A service of a staged bundle, matched to the facade it will take over (or none: ADDED). */
final class StagedService {
    final String identity;
    final ServiceReference<?> reference;
    Object object;
    Facade facade;
    /** The new version implements other API classes (a refresh swap): its facade is replaced, not switched. */
    boolean replaceFacade;
    /** A snapshot to import instead of migrating (rollback without down-migrators), or null. */
    io.baton.container.statexfer.Snapshot restore;

    StagedService(String identity, ServiceReference<?> reference) {
        this.identity = identity;
        this.reference = reference;
    }
}
