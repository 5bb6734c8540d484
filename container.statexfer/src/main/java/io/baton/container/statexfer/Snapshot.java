package io.baton.container.statexfer;

import java.util.Map;
import org.osgi.dto.DTO;

/** A state snapshot: its type, schema version, the plain data, and its measured size. */
public class Snapshot extends DTO {
    /** State type, e.g. {@code cart}. */
    public String type;
    /** Schema version of {@link #data}. */
    public int version;
    /** The state as plain data. */
    public Map<String, Object> data;
    /** Size of {@link #data} in bytes, as {@link StateTransfer#sizeOf(Object)} measures it. */
    public long bytes;
}
