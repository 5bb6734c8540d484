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
                bundles.add(new IndexedBundle(bsn, Version.parseVersion(version), URI.create(location).resolve(url).toString(),
                        sha == null ? null : sha.toLowerCase(java.util.Locale.ROOT), location));
            }
        }
        return bundles;
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
