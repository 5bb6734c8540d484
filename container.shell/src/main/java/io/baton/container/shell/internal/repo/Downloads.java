package io.baton.container.shell.internal.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a repository bundle into the download folder once what vouches for it agrees: the index's
 * SHA-256 (R5), or for an OBR repository, which carries no digest, its size. Nothing that fails a
 * check is written, and an error never echoes the digest of what was refused. File names are made
 * from the symbolic name and version with every character but letters, digits, {@code .}, {@code _}
 * and {@code -} replaced, and checked to stay in the folder. Thread-safe.
 */
final class Downloads {
    private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);

    private final Path folder;
    private final BoundedFetch fetch;
    private final java.util.List<String> allowed;

    Downloads(Path folder, BoundedFetch fetch, java.util.List<String> allowed) {
        this.folder = folder.toAbsolutePath().normalize();
        this.fetch = fetch;
        this.allowed = allowed;
    }

    /**
     * @return the verified jar in the download folder
     * @throws IllegalArgumentException naming the bundle and what did not hold; nothing written
     */
    Path fetch(IndexedBundle b) throws IOException {
        UrlPolicy policy = UrlPolicy.forIndex(b.repository, allowed);
        byte[] bytes;
        try {
            // checked when the index was read; again here, and for every redirect
            policy.check(b.url.toString());
            bytes = fetch.read(b.url, RepositorySettings.MAX_BUNDLE_BYTES, u -> policy.check(u.toString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(b + ": " + e.getMessage() + "; refused, nothing installed (" + UrlPolicy.HINT + ")", e);
        } catch (BoundedFetch.FetchException e) {
            throw new IllegalArgumentException(b + ": " + b.url + " " + e.getMessage(), e);
        }
        String digest = sha256(bytes);
        if (b.sha256 != null) {
            if (!b.sha256.equals(digest)) {
                throw new IllegalArgumentException(b + ": the content of " + b.url + " does not match the index (SHA-256 "
                        + b.sha256 + "); refused, nothing installed");
            }
        } else if (b.size >= 0) {
            if (b.size != bytes.length) {
                throw new IllegalArgumentException(b + ": " + b.url + " has " + bytes.length + " bytes, the repository says " + b.size
                        + "; refused, nothing installed");
            }
            LOG.info("{}: checked by size only ({} bytes): an OBR repository carries no digest", b, b.size);
        } else {
            throw new IllegalArgumentException(b + ": the repository gives neither a SHA-256 nor a size for " + b.url
                    + "; refused, nothing installed");
        }
        return store(safeName(b.symbolicName + "-" + b.version) + "-" + digest.substring(0, 12) + ".jar", bytes);
    }

    /**
     * Writes verified bytes into the folder (atomically: a reader never sees half a jar).
     *
     * @throws IllegalArgumentException if {@code fileName} would leave the folder
     */
    Path store(String fileName, byte[] bytes) throws IOException {
        Path target = folder.resolve(fileName).normalize();
        if (!target.getParent().equals(folder)) {
            throw new IllegalArgumentException("Download name " + fileName + " leaves the download folder " + folder + "; refused");
        }
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, ".download", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** @return the text with every character but letters, digits, {@code .}, {@code _} and {@code -} replaced by {@code _}; never {@code ..} */
    static String safeName(String text) {
        String safe = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.replace("..", "__");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
