package io.baton.container.shell.internal.repo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an index may send Baton for its bundles: its own scheme and location (the folder the index
 * is in, and below), plus the URL prefixes the operator allows ({@code baton.repos.allow}). Anything
 * else (another scheme, another host or port, a path outside the folder, {@code ..} tricks) is refused
 * before a byte is read, so an index cannot make the container read local files or reach internal
 * services. Immutable.
 */
final class UrlPolicy {
    private final URI base;
    private final List<URI> allowed = new ArrayList<>();

    private UrlPolicy(URI base, List<String> allowedPrefixes) {
        this.base = base;
        for (String prefix : allowedPrefixes) {
            allowed.add(URI.create(prefix).normalize());
        }
    }

    /**
     * @param index the index URL
     * @param allowedPrefixes further URL prefixes the operator allows
     * @throws IllegalArgumentException if the index URL is not an absolute URL
     */
    static UrlPolicy forIndex(String index, List<String> allowedPrefixes) {
        URI uri = URI.create(index).normalize();
        if (!uri.isAbsolute() || uri.getPath() == null) {
            throw new IllegalArgumentException("Repository " + index + " is not an absolute URL; expected e.g. file:///srv/repo/index.xml");
        }
        return new UrlPolicy(folderOf(uri), allowedPrefixes);
    }

    /** @return the folder of {@code uri}: the URL up to and including the last {@code /} of its path */
    static URI folderOf(URI uri) {
        return uri.resolve(".");
    }

    /** @return the index's folder, against which relative bundle URLs resolve */
    URI base() {
        return base;
    }

    /** What an operator can do about a refused URL; said once after the refusals. */
    static final String HINT = "allow other locations with " + RepositorySettings.ALLOW + " / --repo-allow";

    /**
     * @return the absolute URL
     * @throws IllegalArgumentException naming the URL and the location it is outside of, if it may not be read
     */
    URI check(String url) {
        URI uri;
        try {
            uri = base.resolve(url).normalize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL");
        }
        if (within(uri, base)) {
            return uri;
        }
        for (URI prefix : allowed) {
            if (within(uri, prefix)) {
                return uri;
            }
        }
        throw new IllegalArgumentException(uri + " is outside the index's location " + base + (allowed.isEmpty() ? "" : " and the allowed " + allowed));
    }

    /** Same scheme, same host and port, no user info, and a path at or below the prefix's. */
    private static boolean within(URI uri, URI prefix) {
        if (uri.isOpaque() || !eq(uri.getScheme(), prefix.getScheme()) || !eq(uri.getHost(), prefix.getHost())
                || uri.getPort() != prefix.getPort() || uri.getRawUserInfo() != null) {
            return false;
        }
        String path = uri.getRawPath();
        String root = prefix.getRawPath();
        if (path == null || root == null || path.contains("/../") || path.endsWith("/..")) {
            return false;
        }
        return root.endsWith("/") ? path.startsWith(root) : path.equals(root) || path.startsWith(root + "/");
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
