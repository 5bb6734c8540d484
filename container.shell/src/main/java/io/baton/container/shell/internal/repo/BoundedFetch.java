package io.baton.container.shell.internal.repo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Reads a whole {@code file:}, {@code http:} or {@code https:} URL into memory, bounded in time (connect
 * and read timeouts) and in size. Every repository read goes through here, so a repository that never
 * answers costs a deploy at most the timeouts, never a hang. Redirects are followed by hand, each target
 * shown to the caller first, so a redirect cannot lead somewhere an index could not. Thread-safe.
 */
final class BoundedFetch {
    private static final int MAX_REDIRECTS = 5;

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    BoundedFetch(int connectTimeoutMillis, int readTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Why a read failed; the message is a predicate to put after the URL ("is unreachable: ..."). */
    static final class FetchException extends IOException {
        private static final long serialVersionUID = 1L;
        /** True when nothing answered at all (no such file, host or listener). */
        final boolean unreachable;

        FetchException(String message, boolean unreachable, Throwable cause) {
            super(message, cause);
            this.unreachable = unreachable;
        }
    }

    /**
     * @param redirects checks each redirect target before it is followed; throws to refuse it
     * @return the content, at most {@code maxBytes}
     * @throws FetchException why nothing (or not all) could be read
     */
    byte[] read(URI uri, long maxBytes, UnaryOperator<URI> redirects) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file":
                return readFile(uri, maxBytes);
            case "http":
            case "https":
                return readHttp(uri, maxBytes, redirects);
            default:
                throw new FetchException("has scheme '" + scheme + "'; expected file, http or https", false, null);
        }
    }

    private static byte[] readFile(URI uri, long maxBytes) throws FetchException {
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new FetchException("is not a file path: " + e.getMessage(), false, e);
        }
        if (!Files.exists(path)) {
            throw new FetchException("is unreachable: no such file " + path, true, null);
        }
        // devices and pipes could block or never end: only plain files are read
        if (!Files.isRegularFile(path)) {
            throw new FetchException("is not a regular file", false, null);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return readCapped(in, maxBytes);
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw new FetchException("cannot be read: " + e, false, e);
        }
    }

    private byte[] readHttp(URI first, long maxBytes, UnaryOperator<URI> redirects) throws FetchException {
        URI uri = first;
        for (int hop = 0; ; hop++) {
            Answer answer = request(uri, maxBytes);
            if (answer.redirect == null) {
                return answer.body;
            }
            if (hop == MAX_REDIRECTS) {
                throw new FetchException("redirects more than " + MAX_REDIRECTS + " times", false, null);
            }
            uri = redirects.apply(answer.redirect); // outside the request: a refusal is the caller's, not a read failure
        }
    }

    /** One HTTP exchange: a body, or where it redirects. */
    private static final class Answer {
        final byte[] body;
        final URI redirect;

        Answer(byte[] body, URI redirect) {
            this.body = body;
            this.redirect = redirect;
        }
    }

    private Answer request(URI uri, long maxBytes) throws FetchException {
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) uri.toURL().openConnection();
            http.setConnectTimeout(connectTimeoutMillis);
            http.setReadTimeout(readTimeoutMillis);
            http.setInstanceFollowRedirects(false);
            http.setUseCaches(false);
            int status = http.getResponseCode();
            String location = http.getHeaderField("Location");
            if (status >= 300 && status < 400 && location != null) {
                return new Answer(null, uri.resolve(location));
            }
            if (status != HttpURLConnection.HTTP_OK) {
                throw new FetchException("answered HTTP " + status, status == HttpURLConnection.HTTP_NOT_FOUND, null);
            }
            if (http.getContentLengthLong() > maxBytes) {
                throw tooLarge(maxBytes);
            }
            try (InputStream in = http.getInputStream()) {
                return new Answer(readCapped(in, maxBytes), null);
            }
        } catch (FetchException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            boolean connecting = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
            throw new FetchException("did not answer within " + (connecting ? connectTimeoutMillis + " ms (connect timeout)"
                    : readTimeoutMillis + " ms (read timeout)"), false, e);
        } catch (UnknownHostException | ConnectException | NoRouteToHostException e) {
            throw new FetchException("is unreachable: " + e, true, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new FetchException("cannot be read: " + e, false, e);
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }

    private static byte[] readCapped(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0;) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static FetchException tooLarge(long maxBytes) {
        return new FetchException("is larger than " + maxBytes + " bytes; refused", false, null);
    }
}
