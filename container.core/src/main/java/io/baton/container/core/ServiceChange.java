package io.baton.container.core;

import org.osgi.dto.DTO;

/** A service matched across versions by its identity. */
public class ServiceChange extends DTO {
    public enum Kind { ADDED, KEPT, REMOVED }

    /** Symbolic name, interfaces and component name (or the {@code baton.service.identity} property). */
    public String identity;
    public Kind change;
}
