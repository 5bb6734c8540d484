package io.baton.container.core;

import org.osgi.dto.DTO;

/** A DS component of a version being replaced that is not active, and why: not required of the next version. */
public class InactiveComponent extends DTO {
    /** The bundle's symbolic name. */
    public String symbolicName;
    /** The component's name. */
    public String component;
    /** e.g. {@code lacks its configuration}, {@code has an unsatisfied reference}, {@code failed to activate: <cause>}. */
    public String reason;
}
