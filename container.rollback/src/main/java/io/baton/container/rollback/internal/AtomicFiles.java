package io.baton.container.rollback.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Crash-safe files: written to a temporary file, forced to disk, renamed atomically over the target,
 * and the directory forced; each file starts with a header carrying the length and SHA-256 of its
 * content, verified on read, so a torn or corrupt file is detected instead of half-read.
 */
final class AtomicFiles {
    private static final String MAGIC = "BATON1";
    private static final int WRITE_SLICE = 1 << 20;

    private AtomicFiles() {}

    static void write(Path file, byte[] content) throws IOException {
        writeAll(Map.of(file, content), true);
    }

    /**
     * Writes several files of one directory: every temporary file written (and forced), then renamed
     * in iteration order, then the directory forced once: a batch costs one fsync per file plus one.
     *
     * @param sync force to disk; without it a process crash still loses nothing (the pages are the OS's)
     */
    static void writeAll(Map<Path, byte[]> files, boolean sync) throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        Map<Path, Path> temps = new LinkedHashMap<>();
        for (Map.Entry<Path, byte[]> e : files.entrySet()) {
            Path file = e.getKey();
            byte[] content = e.getValue();
            Path dir = file.getParent();
            if (dirs.add(dir)) {
                Files.createDirectories(dir);
            }
            byte[] header = (MAGIC + " sha256=" + sha256(content) + " length=" + content.length + "\n").getBytes(StandardCharsets.US_ASCII);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp); // created anew, owner-only: checkpoints carry application data
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(tmp))) {
                ch.write(ByteBuffer.wrap(header));
                // in slices: a heap buffer is copied into a temporary direct buffer of its size, and the
                // JDK caches those only up to a bound; 1 MB slices reuse one instead of allocating 100 MB
                for (int off = 0; off < content.length; off += WRITE_SLICE) {
                    ByteBuffer slice = ByteBuffer.wrap(content, off, Math.min(WRITE_SLICE, content.length - off));
                    while (slice.hasRemaining()) {
                        ch.write(slice);
                    }
                }
                if (sync) {
                    ch.force(true);
                }
            }
            temps.put(tmp, file);
        }
        for (Map.Entry<Path, Path> e : temps.entrySet()) {
            Files.move(e.getKey(), e.getValue(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        if (sync) {
            dirs.forEach(AtomicFiles::forceDirectory);
        }
    }

    /** @return the options of a file only its owner may read, where the file system has POSIX permissions */
    static FileAttribute<?>[] ownerOnly(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** The largest file Baton reads back (a checkpoint's state holds at most a few capped snapshots). */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    /** @throws IOException naming the file and what is wrong with it (torn, corrupt, too large, not ours) */
    static byte[] read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + " is " + size + " bytes, more than Baton ever writes (" + MAX_FILE_BYTES + "): not read");
        }
        byte[] all = Files.readAllBytes(file);
        int newline = -1;
        for (int i = 0; i < Math.min(all.length, 200); i++) {
            if (all[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            throw new IOException(file + " has no Baton header (torn or not a Baton file)");
        }
        String[] header = new String(all, 0, newline, StandardCharsets.US_ASCII).split(" ");
        if (header.length != 3 || !header[0].equals(MAGIC) || !header[1].startsWith("sha256=") || !header[2].startsWith("length=")) {
            throw new IOException(file + " has a malformed header");
        }
        byte[] content = Arrays.copyOfRange(all, newline + 1, all.length);
        long length;
        try {
            length = Long.parseLong(header[2].substring("length=".length()));
        } catch (NumberFormatException e) {
            throw new IOException(file + " has a malformed header: length '" + header[2].substring("length=".length()) + "' is not a number");
        }
        if (header[1].length() != "sha256=".length() + 64) {
            throw new IOException(file + " has a malformed header: its sha256 is not 64 hex digits");
        }
        if (content.length != length) {
            throw new IOException(file + " is torn: " + content.length + " bytes of " + length);
        }
        if (!sha256(content).equals(header[1].substring("sha256=".length()))) {
            throw new IOException(file + " is corrupt: its checksum does not match");
        }
        return content;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be opened; the rename is atomic all the same
        }
    }
}
