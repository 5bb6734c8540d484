package io.baton.container.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swap and plan ids ({@code swap-12}, {@code plan-13}) unique across restarts: the last number used is
 * kept in a file of the core bundle's data area and written before the id is handed out, so history
 * never shows the same id twice. A missing or unreadable file starts at the current time in seconds,
 * past any counter an earlier run could have reached. Thread-safe.
 */
final class SwapIds {
    private static final Logger LOG = LoggerFactory.getLogger(SwapIds.class);

    private final Path file;
    private long last;

    SwapIds(Path file) {
        this.file = file;
        this.last = read(file);
    }

    synchronized String next(String prefix) {
        last++;
        if (file != null) {
            try {
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, Long.toString(last), StandardCharsets.US_ASCII);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.warn("Swap id counter not saved to {}: {}; ids may repeat after a restart", file, e.toString());
            }
        }
        return prefix + "-" + last;
    }

    private static long read(Path file) {
        if (file == null || !Files.exists(file)) {
            return 0;
        }
        try {
            long value = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (value >= 0) {
                return value;
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Swap id counter {} unreadable ({}); counting on from the time in seconds", file, e.toString());
        }
        return System.currentTimeMillis() / 1000;
    }
}
