package io.baton.container.core;

import java.util.List;
import org.osgi.dto.DTO;

/** What {@link Container#status()} returns: plain public fields, as OSGi DTOs are. */
public class ContainerStatus extends DTO {
    /** Implementation name of the framework, e.g. {@code org.apache.felix.framework}. */
    public String framework;
    /** Version of the framework, e.g. {@code 7.0.5}. */
    public String frameworkVersion;
    /** Milliseconds since the epoch when this status was taken. */
    public long timestamp;
    /** Every installed bundle, ordered by bundle id. */
    public List<BundleInfo> bundles;
}
