package io.baton.container.core.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import java.util.Dictionary;
import java.util.Enumeration;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.Version;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A bundle jar read fully and checked before anything is installed: every entry readable (a truncated
 * or corrupt jar fails here), a manifest with a symbolic name and a valid version, and the DS
 * components it declares (their services and properties) so a plan can match services and find
 * migrators without installing the bundle.
 */
final class TargetJar {
    /** A DS component as its descriptor declares it. */
    static final class Component {
        final String name;
        final List<String> provides = new ArrayList<>();
        final Map<String, Object> properties = new LinkedHashMap<>();

        Component(String name) {
            this.name = name;
        }
    }

    final String source;
    final byte[] bytes;
    final Attributes headers;
    final String symbolicName;
    final Version version;
    final List<Component> components;
    /** The installed (retired) bundle this target brings back, or null for a jar to install. */
    final Bundle installed;

    private TargetJar(String source, byte[] bytes, Attributes headers, String symbolicName, Version version,
            List<Component> components, Bundle installed) {
        this.installed = installed;
        this.source = source;
        this.bytes = bytes;
        this.headers = headers;
        this.symbolicName = symbolicName;
        this.version = version;
        this.components = components;
    }

    String header(String name) {
        return headers.getValue(name);
    }

    /** @return the symbolic name of the host this jar is a fragment of, or null */
    String fragmentHost() {
        List<Clauses.Clause> host = Clauses.parse(header(Constants.FRAGMENT_HOST));
        return host.isEmpty() ? null : host.get(0).names.get(0);
    }

    /** @return the services its DS components declare (migrators excluded: they serve the swap, they get no facade) */
    List<Offer> offers() {
        List<Offer> offers = new ArrayList<>();
        for (Component c : components) {
            if (!c.provides.isEmpty() && !c.provides.contains(io.baton.container.statexfer.Migrator.class.getName())) {
                offers.add(Offer.of(this, c));
            }
        }
        return offers;
    }

    /** @return the packages this jar exports, each with its attributes as a package capability would carry them */
    Map<String, Map<String, Object>> packageExports() {
        Map<String, Map<String, Object>> exports = new LinkedHashMap<>();
        for (Clauses.Clause c : Clauses.parse(header(Constants.EXPORT_PACKAGE))) {
            for (String pkg : c.names) {
                Map<String, Object> attrs = new LinkedHashMap<>(c.attributes);
                attrs.put(PackageNamespace.PACKAGE_NAMESPACE, pkg);
                attrs.put(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE, Version.parseVersion(c.attributes.get("version")));
                attrs.put(PackageNamespace.CAPABILITY_BUNDLE_SYMBOLICNAME_ATTRIBUTE, symbolicName);
                attrs.put(PackageNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE, version);
                exports.put(pkg, attrs);
            }
        }
        return exports;
    }

    @Override
    public String toString() {
        return symbolicName + " " + version;
    }

    /**
     * Limits of a jar read, so that a hostile jar (a zip bomb: megabytes that inflate to gigabytes)
     * costs bounded memory and time: its file size, the bytes it inflates to in all, its entry count,
     * and the size of the entries kept in memory (manifest, DS descriptors). System properties
     * {@code baton.jar.maxBytes}, {@code baton.jar.maxInflatedBytes}, {@code baton.jar.maxEntries}
     * override the defaults: 256 MiB, 1 GiB, 65 536.
     */
    record Limits(long maxBytes, long maxInflatedBytes, int maxEntries, int maxKeptEntryBytes) {
        static Limits fromSystem() {
            return new Limits(Long.getLong("baton.jar.maxBytes", 256L << 20), Long.getLong("baton.jar.maxInflatedBytes", 1L << 30),
                    Integer.getInteger("baton.jar.maxEntries", 65_536), 4 << 20);
        }
    }

    /**
     * @param source a jar path or a URL
     * @throws IllegalArgumentException naming the source and what is wrong
     */
    static TargetJar read(String source) {
        return read(source, Limits.fromSystem());
    }

    static TargetJar read(String source, Limits limits) {
        byte[] bytes = load(source, limits.maxBytes());
        Manifest manifest = null;
        Map<String, byte[]> descriptors = new HashMap<>();
        int entries = 0;
        long inflated = 0;
        byte[] buffer = new byte[64 << 10];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (++entries > limits.maxEntries()) {
                    throw new IllegalArgumentException("Target " + source + " has more than " + limits.maxEntries()
                            + " entries (baton.jar.maxEntries); refused as a possible zip bomb");
                }
                boolean keep = e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)
                        || e.getName().startsWith("OSGI-INF/") && e.getName().endsWith(".xml");
                ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
                // read to the end of each entry, which checks its CRC: a truncated or corrupt jar fails here
                for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
                    inflated += n;
                    if (inflated > limits.maxInflatedBytes()) {
                        throw new IllegalArgumentException("Target " + source + " (" + bytes.length + " bytes) inflates to more than "
                                + limits.maxInflatedBytes() + " bytes (baton.jar.maxInflatedBytes); refused as a possible zip bomb");
                    }
                    if (kept != null) {
                        if (kept.size() + n > limits.maxKeptEntryBytes()) {
                            throw new IllegalArgumentException("Target " + source + ": entry " + e.getName() + " is over "
                                    + limits.maxKeptEntryBytes() + " bytes; expected a manifest or DS descriptor of sane size");
                        }
                        kept.write(buffer, 0, n);
                    }
                }
                if (kept != null && e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    manifest = new Manifest(new ByteArrayInputStream(kept.toByteArray()));
                } else if (kept != null) {
                    descriptors.put(e.getName(), kept.toByteArray());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("Target ")) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("Target " + source + " is not a readable jar (truncated or corrupt): " + e, e);
        }
        if (manifest == null && entries == 0) {
            throw new IllegalArgumentException("Target " + source + " is not a jar (no manifest, no entries)");
        }
        if (manifest == null) {
            throw new IllegalArgumentException("Target " + source + " has no META-INF/MANIFEST.MF; expected an OSGi bundle");
        }
        Attributes headers = manifest.getMainAttributes();
        String bsnHeader = headers.getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsnHeader == null || bsnHeader.isBlank()) {
            throw new IllegalArgumentException("Target " + source + " has no Bundle-SymbolicName in its manifest; expected an OSGi bundle");
        }
        String symbolicName = Clauses.parse(bsnHeader).get(0).names.get(0);
        Version version;
        try {
            version = Version.parseVersion(headers.getValue(Constants.BUNDLE_VERSION));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Target " + source + " has an invalid Bundle-Version '"
                    + headers.getValue(Constants.BUNDLE_VERSION) + "': " + e.getMessage(), e);
        }
        List<Component> components = new ArrayList<>();
        for (Clauses.Clause c : Clauses.parse(headers.getValue("Service-Component"))) {
            for (String path : c.names) {
                byte[] xml = descriptors.get(path);
                if (xml == null) {
                    throw new IllegalArgumentException("Target " + source + " names DS descriptor " + path + " in Service-Component, but has no such entry");
                }
                components.addAll(parseDescriptor(source, path, xml));
            }
        }
        return new TargetJar(source, bytes, headers, symbolicName, version, components, null);
    }

    /** Prefix of a target that names an installed bundle by id: {@code bundle:<id>}. */
    static final String BUNDLE_PREFIX = "bundle:";

    /**
     * A bundle still installed (retired by an earlier swap), brought back without reinstalling: the
     * fast path of a rollback.
     *
     * @throws IllegalArgumentException if there is no such bundle
     */
    /**
     * DS descriptors parsed from installed bundles, by bundle id and last modification: a rollback to a
     * warm standby should not parse XML again (the factory lookup alone costs a millisecond).
     */
    private static final Map<String, List<Component>> INSTALLED_COMPONENTS = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<Component>> eldest) {
                    return size() > 64;
                }
            });

    static TargetJar installed(String source, BundleContext context) {
        long id;
        try {
            id = Long.parseLong(source.substring(BUNDLE_PREFIX.length()).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Target " + source + " is not bundle:<id>", e);
        }
        Bundle bundle = context.getBundle(id);
        if (bundle == null || bundle.getState() == Bundle.UNINSTALLED) {
            throw new IllegalArgumentException("Target " + source + ": no bundle " + id + " is installed");
        }
        Attributes headers = new Attributes();
        Dictionary<String, String> raw = bundle.getHeaders("");
        for (Enumeration<String> keys = raw.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            headers.putValue(key, raw.get(key));
        }
        String key = bundle.getBundleId() + "@" + bundle.getLastModified();
        List<Component> known = INSTALLED_COMPONENTS.get(key);
        if (known != null) {
            return new TargetJar(source, null, headers, bundle.getSymbolicName(), bundle.getVersion(), known, bundle);
        }
        List<Component> components = new ArrayList<>();
        for (Clauses.Clause c : Clauses.parse(headers.getValue("Service-Component"))) {
            for (String path : c.names) {
                URL entry = bundle.getEntry(path);
                if (entry != null) {
                    try (InputStream in = entry.openStream()) {
                        components.addAll(parseDescriptor(source, path, in.readAllBytes()));
                    } catch (IOException e) {
                        throw new IllegalArgumentException("Target " + source + ": descriptor " + path + " unreadable: " + e, e);
                    }
                }
            }
        }
        INSTALLED_COMPONENTS.put(key, List.copyOf(components));
        return new TargetJar(source, null, headers, bundle.getSymbolicName(), bundle.getVersion(), components, bundle);
    }

    private static byte[] load(String source, long maxBytes) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("Target is blank; expected a jar path or URL");
        }
        try {
            if (source.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !source.matches("^[a-zA-Z]:\\\\.*")) {
                URLConnection connection = new URL(source).openConnection();
                connection.setConnectTimeout(10_000);
                connection.setReadTimeout(30_000);
                try (InputStream in = connection.getInputStream()) {
                    return bounded(source, in, maxBytes);
                }
            }
            Path path = Path.of(source);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("Target " + source + " does not exist or is not a file");
            }
            if (Files.size(path) > maxBytes) {
                throw new IllegalArgumentException("Target " + source + " is " + Files.size(path) + " bytes, over " + maxBytes
                        + " (baton.jar.maxBytes)");
            }
            return Files.readAllBytes(path);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Target " + source + " is not a valid URL: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Target " + source + " cannot be read: " + e, e);
        }
    }

    private static byte[] bounded(String source, InputStream in, long maxBytes) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException("Target " + source + " is over " + maxBytes + " bytes (baton.jar.maxBytes)");
        }
        return bytes;
    }

    private static List<Component> parseDescriptor(String source, String path, byte[] xml) {
        List<Component> components = new ArrayList<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            NodeList nodes = doc.getElementsByTagNameNS("*", "component");
            if (nodes.getLength() == 0 && "component".equals(doc.getDocumentElement().getLocalName())) {
                nodes = doc.getChildNodes();
            }
            for (int i = 0; i < nodes.getLength(); i++) {
                if (!(nodes.item(i) instanceof Element)) {
                    continue;
                }
                Element element = (Element) nodes.item(i);
                Component component = new Component(element.getAttribute("name"));
                NodeList provides = element.getElementsByTagNameNS("*", "provide");
                for (int p = 0; p < provides.getLength(); p++) {
                    component.provides.add(((Element) provides.item(p)).getAttribute("interface"));
                }
                NodeList properties = element.getElementsByTagNameNS("*", "property");
                for (int p = 0; p < properties.getLength(); p++) {
                    Element property = (Element) properties.item(p);
                    component.properties.put(property.getAttribute("name"),
                            typed(property.getAttribute("type"), property.hasAttribute("value") ? property.getAttribute("value") : property.getTextContent().trim()));
                }
                component.properties.put("component.name", component.name);
                components.add(component);
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("Target " + source + " has an unreadable DS descriptor " + path + ": " + e.getMessage(), e);
        }
        return components;
    }

    private static Object typed(String type, String value) {
        switch (type == null ? "" : type) {
            case "Integer": return Integer.valueOf(value.trim());
            case "Long": return Long.valueOf(value.trim());
            case "Boolean": return Boolean.valueOf(value.trim());
            default: return value;
        }
    }
}
