package io.baton.container.core;

import org.osgi.dto.DTO;

/** One installed bundle as {@link Container#status()} reports it. */
public class BundleInfo extends DTO {
    /** The framework's bundle id. */
    public long id;
    /** {@code Bundle-SymbolicName}, or {@code null} for a bundle without one. */
    public String symbolicName;
    /** {@code Bundle-Version}. */
    public String version;
    /** One of INSTALLED, RESOLVED, STARTING, STOPPING, ACTIVE, UNINSTALLED. */
    public String state;
    /** Where the bundle was installed from. */
    public String location;
}
