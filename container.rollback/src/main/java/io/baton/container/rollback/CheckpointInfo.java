package io.baton.container.rollback;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** A checkpoint: the managed bundle set and the state snapshots taken before a swap switched. */
public class CheckpointInfo extends DTO {
    /** Id, e.g. {@code cp-4}. */
    public String id;
    public long createdAt;
    /** The swap that wrote it. */
    public String swapId;
    public List<BundleEntry> bundles = new ArrayList<>();
    public List<SnapshotEntry> snapshots = new ArrayList<>();
    /** PIDs of the ConfigAdmin configurations of the managed bundles' components, saved with it. */
    public List<String> configurations = new ArrayList<>();
    /** SHA-256 of the state file written with it. */
    public String stateSha256;

    /** One managed bundle of the set. */
    public static class BundleEntry extends DTO {
        public String symbolicName;
        public String version;
        public String location;
        /** SHA-256 of the jar, pinned in the store; null if Baton never saw its bytes. */
        public String sha256;
        public int startLevel;
        public String state;
    }

    /** One state snapshot of the checkpoint. */
    public static class SnapshotEntry extends DTO {
        public String identity;
        public String type;
        public int version;
        public long bytes;
    }
}
