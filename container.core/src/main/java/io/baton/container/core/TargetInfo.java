package io.baton.container.core;

import org.osgi.dto.DTO;

/** One bundle of a swap. */
public class TargetInfo extends DTO {
    public String symbolicName;
    /** Version running before the swap. */
    public String fromVersion;
    /** Version of the target jar. */
    public String toVersion;
    /** Where the target jar came from. */
    public String source;
}
