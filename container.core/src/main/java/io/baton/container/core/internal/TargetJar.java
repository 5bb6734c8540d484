package io.baton.container.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
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
     * @param source a jar path or a URL
     * @throws IllegalArgumentException naming the source and what is wrong
     */
    static TargetJar read(String source) {
        byte[] bytes = load(source);
        Manifest manifest;
        Map<String, byte[]> descriptors = new HashMap<>();
        int entries = 0;
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(bytes), true)) {
            manifest = jar.getManifest();
            for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                entries++;
                byte[] content = jar.readAllBytes(); // reads to the end of the entry: checks its CRC
                if (e.getName().startsWith("OSGI-INF/") && e.getName().endsWith(".xml")) {
                    descriptors.put(e.getName(), content);
                }
            }
        } catch (IOException | RuntimeException e) {
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
        return new TargetJar(source, null, headers, bundle.getSymbolicName(), bundle.getVersion(), components, bundle);
    }

    private static byte[] load(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("Target is blank; expected a jar path or URL");
        }
        try {
            if (source.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !source.matches("^[a-zA-Z]:\\\\.*")) {
                try (InputStream in = new URL(source).openStream()) {
                    return in.readAllBytes();
                }
            }
            Path path = Path.of(source);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("Target " + source + " does not exist or is not a file");
            }
            return Files.readAllBytes(path);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Target " + source + " is not a valid URL: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Target " + source + " cannot be read: " + e, e);
        }
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
