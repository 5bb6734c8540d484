package io.baton.container.shell.internal.repo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The R5 repositories deployments resolve targets from: configured at start by the framework
 * property {@code baton.repos} (comma separated; the launcher's {@code --repo}) and at run time,
 * remembered in this bundle's data area. Turns {@code name}, {@code name@version} and
 * {@code name@[range)} into a verified local jar. Thread-safe.
 */
@Component(service = Repositories.class)
public final class Repositories {
    private static final Logger LOG = LoggerFactory.getLogger(Repositories.class);
    public static final String PROPERTY = "baton.repos";

    private final List<String> urls = new CopyOnWriteArrayList<>();
    private final Path file;
    private final Path downloads;
    private final BundleContext context;

    @Activate
    public Repositories(BundleContext context) throws IOException {
        this.context = context;
        this.file = context.getDataFile("repositories.txt").toPath();
        this.downloads = context.getDataFile("downloads").toPath();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !urls.contains(line.trim())) {
                    urls.add(line.trim());
                }
            }
        }
        String configured = context.getProperty(PROPERTY);
        if (configured != null) {
            for (String url : configured.split(",")) {
                if (!url.isBlank() && !urls.contains(url.trim())) {
                    urls.add(url.trim());
                }
            }
            save();
        }
    }

    public List<String> list() {
        return List.copyOf(urls);
    }

    /** @throws IllegalArgumentException if the index cannot be read (it is not added) */
    public List<IndexedBundle> add(String url) throws IOException {
        List<IndexedBundle> bundles = RepositoryIndex.read(url);
        if (!urls.contains(url)) {
            urls.add(url);
            save();
        }
        LOG.info("Repository {} added: {} bundles", url, bundles.size());
        return bundles;
    }

    public void remove(String url) throws IOException {
        if (!urls.remove(url)) {
            throw new IllegalArgumentException("No repository " + url + "; configured: " + urls);
        }
        save();
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, urls);
    }

    /** True for a target that names a bundle rather than a jar: {@code name}, {@code name@version}, {@code name@[1,2)}. */
    public static boolean isName(String target) {
        return !target.contains("/") && !target.contains("\\") && !target.endsWith(".jar") && !target.startsWith("bundle:")
                && !target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    /**
     * Finds the newest bundle that matches in any repository, downloads it and checks its SHA-256.
     *
     * @return the path of the verified jar
     * @throws IllegalArgumentException naming what was searched and what was found
     */
    public Path resolve(String target) throws IOException {
        return download(find(target, index()));
    }

    /** Every bundle of every readable repository; unreadable ones are listed in {@code problems}. */
    private Index index() {
        Index index = new Index();
        for (String url : urls) {
            try {
                index.bundles.addAll(RepositoryIndex.read(url));
            } catch (IllegalArgumentException e) {
                index.problems.add(e.getMessage()); // the other repositories keep working
            }
        }
        return index;
    }

    private static final class Index {
        final List<IndexedBundle> bundles = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
    }

    /**
     * Named targets plus, from the repositories, the bundles that provide what they require and the
     * running framework does not (transitively); jar targets are left as they are.
     *
     * @return the jars to deploy, dependencies first
     */
    public List<String> resolveWithDependencies(List<String> targets) throws IOException {
        List<IndexedBundle.Capability> installed = new ArrayList<>();
        for (org.osgi.framework.Bundle b : context.getBundles()) {
            org.osgi.framework.wiring.BundleWiring wiring = b.adapt(org.osgi.framework.wiring.BundleWiring.class);
            if (wiring != null && wiring.isInUse()) {
                wiring.getCapabilities(null).forEach(c -> installed.add(new IndexedBundle.Capability(c.getNamespace(), c.getAttributes())));
            }
        }
        Index index = urls.isEmpty() ? new Index() : index();
        List<IndexedBundle> chosen = new ArrayList<>();
        List<String> jars = new ArrayList<>();
        for (String t : targets) {
            if (isName(t)) {
                chosen.add(find(t, index));
            } else {
                jars.add(t);
            }
        }
        java.util.Deque<IndexedBundle> todo = new java.util.ArrayDeque<>(chosen);
        while (!todo.isEmpty()) {
            IndexedBundle b = todo.removeFirst();
            for (IndexedBundle.Requirement r : b.requirements) {
                if (satisfied(r, installed) || chosen.stream().anyMatch(c -> satisfied(r, c.capabilities))) {
                    continue;
                }
                index.bundles.stream().filter(candidate -> satisfied(r, candidate.capabilities))
                        .max(Comparator.comparing((IndexedBundle c) -> c.version))
                        .ifPresent(provider -> {
                            LOG.info("{} needs {}: adding {} from {}", b, r.filter, provider, provider.repository);
                            chosen.add(0, provider);
                            todo.addLast(provider);
                        });
                // nothing provides it: the deploy's own resolve check names the missing requirement
            }
        }
        List<String> sources = new ArrayList<>();
        for (IndexedBundle b : chosen) {
            sources.add(download(b).toString());
        }
        sources.addAll(jars);
        return sources;
    }

    private static boolean satisfied(IndexedBundle.Requirement r, List<IndexedBundle.Capability> capabilities) {
        org.osgi.framework.Filter filter;
        try {
            filter = org.osgi.framework.FrameworkUtil.createFilter(r.filter);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            return false;
        }
        for (IndexedBundle.Capability c : capabilities) {
            if (c.namespace.equals(r.namespace) && filter.matches(c.attributes)) {
                return true;
            }
        }
        return false;
    }

    private IndexedBundle find(String target, Index index) {
        int at = target.indexOf('@');
        String name = at < 0 ? target : target.substring(0, at);
        String spec = at < 0 ? null : target.substring(at + 1);
        VersionRange range = spec == null ? null
                : spec.startsWith("[") || spec.startsWith("(") ? new VersionRange(spec) : new VersionRange("[" + spec + "," + spec + "]");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("Cannot find " + target + ": no repository is configured (--repo URL or baton:repo-add URL)");
        }
        List<IndexedBundle> named = new ArrayList<>();
        for (IndexedBundle b : index.bundles) {
            if (b.symbolicName.equals(name)) {
                named.add(b);
            }
        }
        List<String> problems = index.problems;
        String searched = " (searched: " + urls + (problems.isEmpty() ? "" : "; " + String.join("; ", problems)) + ")";
        if (named.isEmpty()) {
            throw new IllegalArgumentException("No repository has " + name + searched);
        }
        IndexedBundle best = named.stream().filter(b -> range == null || range.includes(b.version))
                .max(Comparator.comparing((IndexedBundle b) -> b.version)).orElseThrow(() -> new IllegalArgumentException(
                        "No version of " + name + " matches " + spec + "; available: "
                                + named.stream().map(b -> b.version).sorted().map(Version::toString).distinct().toList() + searched));
        return best;
    }

    private Path download(IndexedBundle b) throws IOException {
        byte[] bytes;
        try (InputStream in = new URL(b.url).openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException(b + ": " + b.url + " cannot be read: " + e.getMessage(), e);
        }
        String actual = sha256(bytes);
        if (b.sha256 == null || !b.sha256.equals(actual)) {
            throw new IllegalArgumentException(b + ": the SHA-256 of " + b.url + " (" + actual + ") does not match the index ("
                    + b.sha256 + "); refused, nothing installed");
        }
        Files.createDirectories(downloads);
        Path jar = downloads.resolve(b.symbolicName + "-" + b.version + "-" + actual.substring(0, 12) + ".jar");
        Files.write(jar, bytes);
        return jar;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
