package io.baton.container.core.internal;

import java.util.Map;
import org.osgi.framework.ServiceReference;

/** A service of a staged bundle, matched to the facade it will take over (or none: ADDED). */
final class StagedService {
    final String identity;
    final ServiceReference<?> reference;
    Object object;
    Facade facade;
    /** The new version implements other API classes (a refresh swap): its facade is replaced, not switched. */
    boolean replaceFacade;
    /** How its state arrives, or null for a stateless service. */
    StateMove move;
    /** The keyed copy pre-copied in QUIESCE, finished in TRANSFER; null on the eager path. */
    io.baton.container.statexfer.KeyedCopy keyed;
    /** The old object of a keyed copy: its whole state is exported for the checkpoint once the gates reopen. */
    io.baton.container.statexfer.Stateful keyedOld;
    /** For a bundle- or prototype-scoped facade: each consumer's object of the new implementation, got in STAGE. */
    Map<FacadeView, FacadeView.Binding> prepared = Map.of();

    StagedService(String identity, ServiceReference<?> reference) {
        this.identity = identity;
        this.reference = reference;
    }
}
