package io.baton.container.launcher.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home holds application data (checkpoints carry every service's state, pinned jars, the control
 * token): only its owner may read it. At each start (and again at stop, for what the framework wrote
 * while running) the home becomes 0700 and everything in it owner
 * only, directories 0700 and files 0600 (executable bits kept for the owner), so a home made by an
 * older Baton, restored from a backup or unpacked with a loose umask is tightened too. Symbolic links
 * are not followed. On a file system without POSIX permissions (Windows) nothing is done: there the
 * user profile's ACLs apply.
 */
public final class OwnerOnly {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> LOOSE = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    /** @throws IOException if the home cannot be walked or a permission not set */
    public static void secure(Path home) throws IOException {
        if (Files.getFileAttributeView(home, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) == null) {
            return;
        }
        AtomicInteger tightened = new AtomicInteger();
        Files.walkFileTree(home, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                tighten(dir, tightened);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    tighten(file, tightened);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (tightened.get() > 0) {
            LOG.info("Baton home {}: {} files and directories made owner-only (0700/0600)", home, tightened.get());
        }
    }

    private static void tighten(Path p, AtomicInteger count) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        if (perms.removeAll(LOOSE)) {
            Files.setPosixFilePermissions(p, perms);
            count.incrementAndGet();
        }
    }

    /** @return {@code rwx------}, for logs and tests */
    static String describe(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
