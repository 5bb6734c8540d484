package io.baton.container.launcher.internal;

import io.baton.container.launcher.BatonHomeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive hold on a container home: an OS file lock on {@code <home>/baton.lock}, so that a second
 * container on the same home (in this JVM or another) is refused while the first keeps running. The
 * lock dies with the process, so a crashed container never leaves the home blocked.
 */
public final class HomeLock implements AutoCloseable {
    public static final String FILE = "baton.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Checks that {@code home} is a usable directory (creating it if needed) and locks it.
     *
     * @throws BatonHomeException if home is a file, cannot be created or written, or is locked
     */
    public static HomeLock acquire(Path home) {
        if (Files.exists(home) && !Files.isDirectory(home)) {
            throw new BatonHomeException("Baton home " + home + " is a file; expected a directory");
        }
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new BatonHomeException("Baton home " + home + " cannot be created: " + describe(e), e);
        }
        Path file = home.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new BatonHomeException("Baton home " + home + " cannot be written: " + describe(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new BatonHomeException("Baton home " + home + " cannot be locked: " + describe(e), e);
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw new BatonHomeException("Baton home " + home + " is in use by another Baton container"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it or choose another --home");
        }
        try {
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(true);
        } catch (IOException e) {
            close(channel);
            throw new BatonHomeException("Baton home " + home + " cannot be written: " + describe(e), e);
        }
        return new HomeLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int n = channel.read(buffer, 0);
            return n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked; nothing to undo
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }
}
