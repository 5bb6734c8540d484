package io.baton.container.rollback.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.rollback.CheckpointInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Works out the swap back to a checkpoint's bundle set: for every bundle whose running version differs
 * from the checkpoint's, the target to swap to (the retired bundle if it is still installed, the fast
 * path, else its pinned jar) and the running bundle to remove once the swap back succeeded. Pure: it
 * reads the framework through the functions it is given, changes nothing.
 */
final class RollbackPlanner {
    /** The swap back: targets for the engine, and the bundles it replaces. */
    static final class Plan {
        final List<String> targets = new ArrayList<>();
        /** Ids of the running bundles the swap back replaces (to uninstall after it). */
        final List<Long> replaced = new ArrayList<>();

        boolean isEmpty() {
            return targets.isEmpty();
        }
    }

    private final Function<String, Long> installedAt;
    private final Function<String, Path> pinned;

    /**
     * @param installedAt the id of the bundle installed at a location, or null if none is (or it is uninstalled)
     * @param pinned where the pinned jar of a digest is (it may not exist)
     */
    RollbackPlanner(Function<String, Long> installedAt, Function<String, Path> pinned) {
        this.installedAt = installedAt;
        this.pinned = pinned;
    }

    /**
     * @param running the managed bundles serving now
     * @throws IllegalStateException naming the bundle, if a version of the checkpoint can no longer be
     *     had (not installed and its pinned jar missing)
     */
    Plan plan(CheckpointInfo checkpoint, List<BundleInfo> running) {
        Plan plan = new Plan();
        for (CheckpointInfo.BundleEntry e : checkpoint.bundles) {
            BundleInfo now = running.stream().filter(b -> b.symbolicName.equals(e.symbolicName)).findFirst().orElse(null);
            if (now == null || now.version.equals(e.version)) {
                continue;
            }
            plan.targets.add(source(e));
            plan.replaced.add(now.id);
        }
        return plan;
    }

    private String source(CheckpointInfo.BundleEntry e) {
        Long installed = installedAt.apply(e.location);
        if (installed != null) {
            return "bundle:" + installed;
        }
        Path jar = e.sha256 == null ? null : pinned.apply(e.sha256);
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalStateException(e.symbolicName + " " + e.version + " is no longer installed and its pinned jar "
                    + (jar == null ? "was never stored" : jar + " is missing"));
        }
        return jar.toString();
    }

    /** The planner over a live framework. */
    static RollbackPlanner of(BundleContext context, CheckpointStore store) {
        return new RollbackPlanner(location -> {
            Bundle b = context.getBundle(location);
            return b == null || b.getState() == Bundle.UNINSTALLED ? null : b.getBundleId();
        }, store::pinned);
    }
}
