package io.baton.container.shell.internal.repo;

import io.baton.container.shell.internal.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How repositories are read, from framework properties (the launcher's {@code run} options set them):
 *
 * <table>
 * <tr><th>property</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code baton.repos}</td><td>none</td><td>index URLs, comma separated ({@code --repo})</td></tr>
 * <tr><td>{@code baton.repos.allow}</td><td>none</td><td>URL prefixes bundles may come from besides their
 * index's own location, comma separated ({@code --repo-allow})</td></tr>
 * <tr><td>{@code baton.repos.connectTimeout}</td><td>5s</td><td>bound on connecting to a repository</td></tr>
 * <tr><td>{@code baton.repos.readTimeout}</td><td>10s</td><td>bound on each read from a repository
 * ({@code --repo-timeout})</td></tr>
 * <tr><td>{@code baton.repos.maxAge}</td><td>30s</td><td>how long a read index (or a failed read) is used
 * before a deploy by name reads it again</td></tr>
 * </table>
 *
 * Immutable.
 */
final class RepositorySettings {
    static final String REPOS = "baton.repos";
    static final String ALLOW = "baton.repos.allow";
    static final String CONNECT_TIMEOUT = "baton.repos.connectTimeout";
    static final String READ_TIMEOUT = "baton.repos.readTimeout";
    static final String MAX_AGE = "baton.repos.maxAge";
    /** Indexes are text; anything larger is refused rather than held in memory. */
    static final long MAX_INDEX_BYTES = 64L << 20;
    /** A bundle is read into memory to be checked before it is written: refuse what cannot be a bundle. */
    static final long MAX_BUNDLE_BYTES = 512L << 20;

    final List<String> repositories;
    final List<String> allowed;
    final int connectTimeoutMillis;
    final int readTimeoutMillis;
    final long maxAgeMillis;

    RepositorySettings(List<String> repositories, List<String> allowed, int connectTimeoutMillis, int readTimeoutMillis, long maxAgeMillis) {
        this.repositories = List.copyOf(repositories);
        this.allowed = List.copyOf(allowed);
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
        this.maxAgeMillis = maxAgeMillis;
    }

    /**
     * @param properties the framework properties ({@code BundleContext::getProperty})
     * @throws IllegalArgumentException naming the property whose value is not a duration
     */
    static RepositorySettings from(Function<String, String> properties) {
        return new RepositorySettings(list(properties.apply(REPOS)), list(properties.apply(ALLOW)),
                timeout(properties, CONNECT_TIMEOUT, "5s"), timeout(properties, READ_TIMEOUT, "10s"),
                Durations.millis(MAX_AGE, value(properties, MAX_AGE, "30s")));
    }

    private static int timeout(Function<String, String> properties, String name, String fallback) {
        long millis = Durations.millis(name, value(properties, name, fallback));
        if (millis <= 0 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " " + millis + " ms: expected a positive duration, e.g. 10s");
        }
        return (int) millis;
    }

    private static String value(Function<String, String> properties, String name, String fallback) {
        String v = properties.apply(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static List<String> list(String commaSeparated) {
        List<String> values = new ArrayList<>();
        if (commaSeparated != null) {
            for (String v : commaSeparated.split(",")) {
                if (!v.isBlank() && !values.contains(v.trim())) {
                    values.add(v.trim());
                }
            }
        }
        return values;
    }
}
