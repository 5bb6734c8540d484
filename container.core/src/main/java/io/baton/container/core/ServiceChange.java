package io.baton.container.core;

import org.osgi.dto.DTO;

/** A service matched across versions by its identity. */
public class ServiceChange extends DTO {
    /** What happens to a service across the swap. */
    public enum Kind {
        /** The new version offers it and the running one did not. */
        ADDED,
        /** Both offer it: its facade switches to the new object, its state crosses. */
        KEPT,
        /** The running version offers it, the new one does not: its facade is withdrawn. */
        REMOVED,
        /** Declared by both, but its component is not active in the running version (see reason), so not required of the new one. */
        INACTIVE,
        /** Registered by code (an activator, or a component's activate method), not declared: only the running new version (STAGE) tells whether it is KEPT or REMOVED. */
        UNKNOWN
    }

    /** Symbolic name, interfaces and component name (or the {@code baton.service.identity} property). */
    public String identity;
    public Kind change;
    /** Why, for INACTIVE and UNKNOWN; null otherwise. */
    public String reason;
}
