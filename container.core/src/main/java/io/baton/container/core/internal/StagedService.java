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
    /** For a bundle- or prototype-scoped facade: each consumer's object of the new implementation, got in STAGE. */
    Map<FacadeView, FacadeView.Binding> prepared = Map.of();

    StagedService(String identity, ServiceReference<?> reference) {
        this.identity = identity;
        this.reference = reference;
    }
}
