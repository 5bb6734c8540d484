package io.baton.container.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mark on disk for each bundle a swap has staged and not yet switched to or removed. If the process
 * dies in between (a hostile activator calling {@code System.exit}, a kill during STAGE), the next start
 * finds the mark and removes the leftover bundle before anything can start it. Thread-safe enough: one
 * swap at a time writes marks; the activator reads them before any swap.
 */
final class StagingMarks {
    private static final Logger LOG = LoggerFactory.getLogger(StagingMarks.class);

    private final Path dir;

    StagingMarks(BundleContext context) {
        this.dir = context.getDataFile("staging").toPath();
    }

    void mark(Bundle staged) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(Long.toString(staged.getBundleId())), staged.getLocation());
        } catch (IOException e) {
            LOG.warn("No staging mark for bundle {}: {}; if the process dies now it stays installed", staged.getBundleId(), e.toString());
        }
    }

    void clear(Bundle bundle) {
        try {
            Files.deleteIfExists(dir.resolve(Long.toString(bundle.getBundleId())));
        } catch (IOException e) {
            LOG.warn("Staging mark of bundle {} not removed: {}", bundle.getBundleId(), e.toString());
        }
    }

    /** At start: removes every marked bundle that did not become the serving one (not persistently started). */
    void removeLeftovers(BundleContext context) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> marks = Files.list(dir)) {
            for (Path mark : (Iterable<Path>) marks::iterator) {
                Bundle b = context.getBundle(Long.parseLong(mark.getFileName().toString()));
                if (b != null && b.getLocation().equals(Files.readString(mark)) && !b.adapt(BundleStartLevel.class).isPersistentlyStarted()) {
                    try {
                        b.uninstall();
                        LOG.warn("Removed {} {} (bundle {}): staged by a swap the process did not live to finish", b.getSymbolicName(),
                                b.getVersion(), b.getBundleId());
                    } catch (BundleException | IllegalStateException e) {
                        LOG.error("Leftover staged bundle {} not removed: {}", b.getBundleId(), e.toString());
                    }
                }
                Files.delete(mark);
            }
        } catch (IOException | NumberFormatException e) {
            LOG.error("Staging marks in {} unreadable: {}", dir, e.toString());
        }
    }
}
