package io.baton.container.core;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** The state migration of one stateful service. */
public class MigrationInfo extends DTO {
    public String identity;
    public String stateType;
    public int fromVersion;
    public int toVersion;
    /** Steps, e.g. {@code ["1->2", "2->3"]}; empty when the schema did not change. */
    public List<String> chain = new ArrayList<>();
    /** True when a stored snapshot was imported instead of migrating the running state. */
    public boolean restored;
    /** Bytes exported from the old object (0 in a plan). */
    public long bytes;
}
