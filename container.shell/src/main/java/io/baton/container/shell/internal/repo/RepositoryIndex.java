package io.baton.container.shell.internal.repo;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.osgi.framework.Version;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads an OSGi R5 repository index (as bnd's indexer writes it, plain or gzipped): for each
 * {@code osgi.bundle} resource, its {@code osgi.identity} and its {@code osgi.content} (URL, resolved
 * against the index, and SHA-256).
 */
final class RepositoryIndex {
    private RepositoryIndex() {}

    /** @throws IllegalArgumentException naming the repository and why it cannot be used */
    static List<IndexedBundle> read(String location) {
        List<IndexedBundle> bundles = new ArrayList<>();
        Document doc;
        try (InputStream raw = new URL(location).openStream(); InputStream in = location.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(in);
        } catch (java.io.FileNotFoundException | java.net.UnknownHostException | java.net.ConnectException e) {
            throw new IllegalArgumentException("Repository " + location + " is unreachable: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalArgumentException("Repository " + location + " is not a readable R5 index: " + e.getMessage(), e);
        }
        if (!"repository".equals(doc.getDocumentElement().getLocalName())) {
            throw new IllegalArgumentException("Repository " + location + " is not an R5 index (root element <"
                    + doc.getDocumentElement().getLocalName() + ">, expected <repository>)");
        }
        NodeList resources = doc.getElementsByTagNameNS("*", "resource");
        for (int i = 0; i < resources.getLength(); i++) {
            Element resource = (Element) resources.item(i);
            String bsn = null;
            String version = null;
            String type = null;
            String url = null;
            String sha = null;
            NodeList capabilities = resource.getElementsByTagNameNS("*", "capability");
            for (int c = 0; c < capabilities.getLength(); c++) {
                Element cap = (Element) capabilities.item(c);
                String namespace = cap.getAttribute("namespace");
                if ("osgi.identity".equals(namespace)) {
                    bsn = attribute(cap, "osgi.identity");
                    version = attribute(cap, "version");
                    type = attribute(cap, "type");
                } else if ("osgi.content".equals(namespace) && url == null) {
                    url = attribute(cap, "url");
                    sha = attribute(cap, "osgi.content");
                }
            }
            if (bsn != null && url != null && "osgi.bundle".equals(type)) {
                IndexedBundle bundle = new IndexedBundle(bsn, Version.parseVersion(version), URI.create(location).resolve(url).toString(),
                        sha == null ? null : sha.toLowerCase(java.util.Locale.ROOT), location);
                for (int c = 0; c < capabilities.getLength(); c++) {
                    Element cap = (Element) capabilities.item(c);
                    bundle.capabilities.add(new IndexedBundle.Capability(cap.getAttribute("namespace"), typedAttributes(cap)));
                }
                NodeList requirements = resource.getElementsByTagNameNS("*", "requirement");
                for (int r = 0; r < requirements.getLength(); r++) {
                    Element req = (Element) requirements.item(r);
                    String filter = directive(req, "filter");
                    String effective = directive(req, "effective");
                    if (filter != null && !"optional".equals(directive(req, "resolution"))
                            && (effective == null || "resolve".equals(effective))) {
                        bundle.requirements.add(new IndexedBundle.Requirement(req.getAttribute("namespace"), filter));
                    }
                }
                bundles.add(bundle);
            }
        }
        return bundles;
    }

    /** Attributes with their declared types (Version, Long, Double; List types stay strings). */
    private static java.util.Map<String, Object> typedAttributes(Element capability) {
        java.util.Map<String, Object> attributes = new java.util.HashMap<>();
        NodeList list = capability.getElementsByTagNameNS("*", "attribute");
        for (int i = 0; i < list.getLength(); i++) {
            Element a = (Element) list.item(i);
            String value = a.getAttribute("value");
            switch (a.getAttribute("type")) {
                case "Version": attributes.put(a.getAttribute("name"), Version.parseVersion(value)); break;
                case "Long": attributes.put(a.getAttribute("name"), Long.valueOf(value)); break;
                case "Double": attributes.put(a.getAttribute("name"), Double.valueOf(value)); break;
                default: attributes.put(a.getAttribute("name"), value); break;
            }
        }
        return attributes;
    }

    private static String directive(Element requirement, String name) {
        NodeList list = requirement.getElementsByTagNameNS("*", "directive");
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            if (name.equals(d.getAttribute("name"))) {
                return d.getAttribute("value");
            }
        }
        return null;
    }

    private static String attribute(Element capability, String name) {
        NodeList attributes = capability.getElementsByTagNameNS("*", "attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element a = (Element) attributes.item(i);
            if (name.equals(a.getAttribute("name"))) {
                return a.getAttribute("value");
            }
        }
        return null;
    }
}
