package io.baton.container.web.internal.auth;

import io.baton.container.web.internal.Web;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token that opens Baton's web parts: the first line of a file (the control channel's
 * {@code ctl.token}). The launcher writes that file just after the framework starts and rewrites it at
 * every start, so it is read again whenever its modification time or size changes. Thread-safe.
 */
public final class TokenFile {
    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);

    private record Cached(FileTime modified, long size, String token) {}

    private final Path path;
    private volatile Cached cached;

    /** @param path the file, or null when none is configured (then there is never a token) */
    public TokenFile(Path path) {
        this.path = path;
    }

    /** @return the token file the framework property {@value Web#TOKEN_FILE_PROPERTY} names (none if unset) */
    public static TokenFile configured(BundleContext context) {
        String file = context.getProperty(Web.TOKEN_FILE_PROPERTY);
        return new TokenFile(file == null || file.isBlank() ? null : Path.of(file));
    }

    /** @return where the token is read from, or null */
    public Path path() {
        return path;
    }

    /** @return the current token, or empty when none is configured, the file is missing, empty or unreadable */
    public Optional<String> token() {
        if (path == null) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            Cached c = cached;
            if (c == null || !c.modified.equals(attributes.lastModifiedTime()) || c.size != attributes.size()) {
                String text = Files.readString(path, StandardCharsets.US_ASCII);
                int newline = text.indexOf('\n');
                c = new Cached(attributes.lastModifiedTime(), attributes.size(), (newline < 0 ? text : text.substring(0, newline)).strip());
                cached = c;
            }
            return c.token.isEmpty() ? Optional.empty() : Optional.of(c.token);
        } catch (NoSuchFileException e) {
            cached = null;
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("Cannot read the token file {}: {}", path, e.toString());
            return Optional.empty();
        }
    }
}
