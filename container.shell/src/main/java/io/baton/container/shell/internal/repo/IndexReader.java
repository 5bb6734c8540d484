package io.baton.container.shell.internal.repo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.felix.bundlerepository.DataModelHelper;
import org.apache.felix.bundlerepository.Repository;
import org.apache.felix.bundlerepository.Resource;

/**
 * Reads one repository index: fetches it (bounded), parses it with Felix bundlerepository (an R5
 * {@code index.xml} or an OBR {@code repository.xml}, plain or gzipped), and checks every bundle it
 * names before anything can use it: a valid symbolic name (so no name can lead a download out of its
 * folder) and a URL inside the index's own location or an allowed one. One bad entry refuses the whole
 * index: an index that lies once is not trusted for the rest. Thread-safe.
 */
final class IndexReader {
    /** An OSGi symbolic name: dot-separated tokens of letters, digits, {@code _} and {@code -}. */
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private final BoundedFetch fetch;
    private final DataModelHelper helper;
    private final List<String> allowed;

    IndexReader(BoundedFetch fetch, DataModelHelper helper, List<String> allowed) {
        this.fetch = fetch;
        this.helper = helper;
        this.allowed = allowed;
    }

    /** An index as read: its format and its checked bundles. Immutable. */
    static final class Index {
        final String location;
        final IndexFormat format;
        final List<IndexedBundle> bundles;

        Index(String location, IndexFormat format, List<IndexedBundle> bundles) {
            this.location = location;
            this.format = format;
            this.bundles = List.copyOf(bundles);
        }
    }

    /**
     * @throws IllegalArgumentException naming the repository and why it cannot be used: unreachable,
     *         too slow, not an index, or naming a bundle it may not
     */
    Index read(String location) {
        UrlPolicy policy = UrlPolicy.forIndex(location, allowed);
        byte[] xml;
        try {
            xml = gunzip(fetch.read(URI.create(location), RepositorySettings.MAX_INDEX_BYTES, u -> policy.check(u.toString())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Repository " + location + " redirects to " + e.getMessage() + "; refused (" + UrlPolicy.HINT + ")", e);
        } catch (BoundedFetch.FetchException e) {
            throw new IllegalArgumentException("Repository " + location + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Repository " + location + " is not a readable gzip file: " + e.getMessage(), e);
        }
        IndexDigests digests;
        Repository parsed;
        try {
            digests = IndexDigests.read(xml);
            parsed = helper.repository(inMemory(policy.base(), xml));
        } catch (Exception e) {
            throw new IllegalArgumentException("Repository " + location + " is not a readable R5 index or OBR repository.xml: "
                    + e.getMessage(), e);
        }
        List<IndexedBundle> bundles = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean outside = false;
        for (Resource r : parsed.getResources()) {
            try {
                bundles.add(check(r, location, digests));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            try {
                policy.check(r.getURI());
            } catch (IllegalArgumentException e) {
                problems.add(r.getSymbolicName() + " " + r.getVersion() + ": " + e.getMessage());
                outside = true;
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Repository " + location + " refused, nothing from it is used: " + String.join("; ", problems)
                    + (outside ? " (" + UrlPolicy.HINT + ")" : ""));
        }
        return new Index(location, digests.format, bundles);
    }

    /** @throws IllegalArgumentException if the entry's identity or URL is unusable (the URL's location is checked apart) */
    private static IndexedBundle check(Resource r, String location, IndexDigests digests) {
        String bsn = r.getSymbolicName();
        if (bsn == null || !SYMBOLIC_NAME.matcher(bsn).matches()) {
            throw new IllegalArgumentException("an entry's identity '" + bsn + "' is not a bundle symbolic name");
        }
        if (r.getURI() == null) {
            throw new IllegalArgumentException(bsn + " " + r.getVersion() + " has no URL");
        }
        URI url;
        try {
            url = URI.create(r.getURI()).normalize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(bsn + " " + r.getVersion() + " is at '" + r.getURI() + "', which is not a URL");
        }
        Object size = r.getProperties().get(Resource.SIZE); // never getSize(): without a size it downloads the jar
        return new IndexedBundle(bsn, r.getVersion(), url, digests.sha256(bsn, r.getVersion().toString()),
                size == null ? -1 : Long.parseLong(size.toString()), location, ObrTranslation.translate(r, digests.format));
    }

    /** A gzipped index (by its magic bytes, whatever its name) inflated, bounded like any index. */
    private static byte[] gunzip(byte[] bytes) throws IOException {
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                if (out.size() + n > RepositorySettings.MAX_INDEX_BYTES) {
                    throw new IOException("inflates to more than " + RepositorySettings.MAX_INDEX_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /**
     * The bytes already read, as a URL bundlerepository can open: it reads the index through
     * {@code URL.openConnection()} (no timeouts), and resolves relative bundle URLs against the URL's
     * folder; this URL is {@code <index folder>/index.xml} and serves the bytes from memory.
     */
    private static URL inMemory(URI folder, byte[] xml) throws MalformedURLException {
        URLStreamHandler memory = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) {
                return new URLConnection(url) {
                    @Override
                    public void connect() {
                        connected = true;
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(xml);
                    }
                };
            }
        };
        return new URL(null, folder.resolve("index.xml").toString(), memory);
    }
}
