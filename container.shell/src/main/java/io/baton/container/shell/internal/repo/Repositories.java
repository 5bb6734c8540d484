package io.baton.container.shell.internal.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.bundlerepository.DataModelHelper;
import org.apache.felix.bundlerepository.RepositoryAdmin;
import org.ops4j.pax.url.mvn.MavenResolver;
import org.osgi.framework.BundleContext;
import org.osgi.resource.Resource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where deploy, plan and swap targets come from besides jar paths: bundle names from repository
 * indexes (R5 {@code index.xml} or OBR {@code repository.xml}), and Maven coordinates ({@code mvn:}).
 *
 * <p>Indexes are configured at start by the framework property {@code baton.repos} (the launcher's
 * {@code --repo}) and at run time ({@code baton:repo-add}), and remembered in this bundle's data area;
 * how they are read is in {@link RepositorySettings}. A deploy that names bundles is resolved with the
 * Felix resolver against the running framework and the indexes ({@link DeployResolver}), so it brings
 * what the named bundles need and installs what the framework will wire. Every download is checked
 * before it is used ({@link Downloads}, {@link MavenArtifacts}). Thread-safe.
 */
@Component(service = Repositories.class)
public final class Repositories {
    private static final Logger LOG = LoggerFactory.getLogger(Repositories.class);
    public static final String PROPERTY = RepositorySettings.REPOS;

    private final BundleContext context;
    private final DataModelHelper helper;
    private final List<String> urls = new CopyOnWriteArrayList<>();
    private final Path file;
    private final IndexCache cache;
    private final Downloads downloads;
    private final MavenArtifacts maven;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile MavenResolver mavenResolver;

    /** @throws IllegalArgumentException if a {@code baton.repos.*} property is malformed (named) */
    @Activate
    public Repositories(BundleContext context, @Reference RepositoryAdmin admin) throws IOException {
        this.context = context;
        this.helper = admin.getHelper();
        RepositorySettings settings = RepositorySettings.from(context::getProperty);
        BoundedFetch fetch = new BoundedFetch(settings.connectTimeoutMillis, settings.readTimeoutMillis);
        IndexReader reader = new IndexReader(fetch, helper, settings.allowed);
        this.cache = new IndexCache(reader::read, settings.maxAgeMillis, () -> System.nanoTime() / 1_000_000);
        this.downloads = new Downloads(context.getDataFile("downloads").toPath(), fetch, settings.allowed);
        this.maven = new MavenArtifacts(() -> mavenResolver, context::getProperty, downloads);
        this.file = context.getDataFile("repositories.txt").toPath();
        if (Files.exists(file)) {
            urls.addAll(RepositorySettings.list(String.join(",", Files.readAllLines(file))));
        }
        for (String url : settings.repositories) {
            if (!urls.contains(url)) {
                urls.add(url);
            }
        }
        save();
    }

    @Deactivate
    void deactivate() {
        cache.close();
    }

    /** @return the configured index URLs, in the order they are searched */
    public List<String> list() {
        return List.copyOf(urls);
    }

    /** @return each configured repository with the copy in use and its last failure; reads nothing */
    public List<RepositoryStatus> status() {
        List<RepositoryStatus> status = new ArrayList<>();
        for (String url : urls) {
            status.add(new RepositoryStatus(url, cache.copy(url), cache.failure(url)));
        }
        return status;
    }

    /**
     * Reads an index now and adds it (again: a refresh) if it can be used.
     *
     * @throws IllegalArgumentException if it cannot be read or is refused; it is not added then
     */
    public RepositoryStatus add(String url) throws IOException {
        IndexReader.Index index;
        try {
            index = cache.readNow(url);
        } catch (IllegalArgumentException e) {
            if (!urls.contains(url)) {
                cache.forget(url); // not added: nothing of it is kept
            }
            throw e;
        }
        if (!urls.contains(url)) {
            urls.add(url);
            save();
        }
        LOG.info("Repository {} added: {}, {} bundles", url, index.format.label, index.bundles.size());
        return new RepositoryStatus(url, index, null);
    }

    /** @throws IllegalArgumentException if no such repository is configured, naming those that are */
    public void remove(String url) throws IOException {
        if (!urls.remove(url)) {
            throw new IllegalArgumentException("No repository " + url + "; configured: " + urls);
        }
        cache.forget(url);
        save();
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, urls);
    }

    /**
     * True for a target resolved here rather than a jar path or URL: a bundle name ({@code name},
     * {@code name@version}, {@code name@[1,2)}) or Maven coordinates ({@code mvn:g/a/v}).
     */
    public static boolean isName(String target) {
        return MavenCoordinates.is(target) || isBundleName(target);
    }

    private static boolean isBundleName(String target) {
        return !target.contains("/") && !target.contains("\\") && !target.endsWith(".jar") && !target.startsWith("bundle:")
                && !target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    /**
     * A named or {@code mvn:} target as a verified local jar (no dependencies: plan and swap).
     *
     * @throws IllegalArgumentException naming what was searched and what was found or refused
     */
    public Path resolve(String target) throws IOException {
        if (MavenCoordinates.is(target)) {
            return maven.resolve(target);
        }
        IndexCache.Snapshot snapshot = snapshot();
        return downloads.fetch(BundleName.parse(target).select(new IndexRepository(snapshot.indexes), searched(snapshot)));
    }

    /**
     * The jars a deploy installs. Targets that name bundles are resolved, with the jars named beside
     * them, against the framework and the indexes, bringing what they need; {@code mvn:} targets
     * become verified jars; jar paths and URLs stay as they are. Without a named target, no index is read.
     *
     * @return the jars to deploy, each after the new bundles it wires to
     * @throws IllegalArgumentException if a target cannot be found, a download is refused, or the set
     *         cannot be wired (naming the chain of missing requirements)
     */
    public List<String> resolveWithDependencies(List<String> targets) throws IOException {
        List<String> jars = new ArrayList<>();
        List<BundleName> names = new ArrayList<>();
        for (String t : targets) {
            if (MavenCoordinates.is(t)) {
                jars.add(maven.resolve(t).toString());
            } else if (isBundleName(t)) {
                names.add(BundleName.parse(t));
            } else {
                jars.add(t);
            }
        }
        if (names.isEmpty()) {
            return jars;
        }
        IndexCache.Snapshot snapshot = snapshot();
        IndexRepository repository = new IndexRepository(snapshot.indexes);
        String searched = searched(snapshot);
        List<Resource> resources = new ArrayList<>();
        Map<Resource, String> jarOf = new IdentityHashMap<>();
        for (BundleName n : names) {
            resources.add(n.select(repository, searched).resource);
        }
        List<String> unresolved = new ArrayList<>();
        for (String jar : jars) {
            BasicResource r = JarResources.read(jar, helper);
            if (r == null) {
                unresolved.add(jar); // the deploy reports what is wrong with it
            } else {
                resources.add(r);
                jarOf.put(r, jar);
            }
        }
        List<Resource> order;
        try {
            order = DeployResolver.resolve(context, resources, repository);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + searched, e);
        }
        List<String> sources = new ArrayList<>();
        for (Resource r : order) {
            IndexedBundle b = repository.bundle(r);
            if (b != null) {
                if (!resources.contains(r)) {
                    LOG.info("Deploy of {} brings {} from {}", targets, b, b.repository);
                }
                sources.add(downloads.fetch(b).toString());
            } else if (jarOf.containsKey(r)) {
                sources.add(jarOf.get(r));
            }
        }
        sources.addAll(unresolved);
        return sources;
    }

    private IndexCache.Snapshot snapshot() {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("Cannot find a bundle by name: no repository is configured (--repo URL or baton:repo-add URL)");
        }
        return cache.current(List.copyOf(urls));
    }

    private String searched(IndexCache.Snapshot snapshot) {
        return " (searched: " + urls + (snapshot.problems.isEmpty() ? "" : "; " + String.join("; ", snapshot.problems)) + ")";
    }
}
