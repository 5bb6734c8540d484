package io.baton.demo.cart.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The example application's repository embedded in the launcher jar under {@value #ROOT}/: the bundles
 * and an R5 {@code index.xml} whose content URLs are relative to it (written by the build with bnd's
 * indexer). The demo extracts it next to its home and deploys from it like from any repository, with
 * the SHA-256 of every jar checked against the index.
 */
final class DemoRepository {
    static final String ROOT = "baton-demo";

    private final Path index;
    /** "symbolic-name@version" -> extracted jar. */
    private final Map<String, Path> jars;

    private DemoRepository(Path index, Map<String, Path> jars) {
        this.index = index;
        this.jars = jars;
    }

    /**
     * Extracts the index and every jar it names into {@code dir}.
     *
     * @throws IOException if the launcher holds no demo repository (built without it) or it cannot be written
     */
    static DemoRepository extractTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path index = dir.resolve("index.xml");
        copy("index.xml", index);
        Map<String, Path> jars = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : contents(index).entrySet()) {
            String relative = e.getValue();
            if (relative.contains("/") || relative.contains(":")) {
                throw new IOException("The embedded demo index names " + relative + "; expected a file name next to the index");
            }
            Path jar = dir.resolve(relative);
            copy(relative, jar);
            jars.put(e.getKey(), jar);
        }
        return new DemoRepository(index, jars);
    }

    /** The extracted R5 index, to give the container as a repository. */
    Path index() {
        return index;
    }

    /** @throws IllegalStateException if the embedded repository lacks it (a broken build) */
    Path jar(String symbolicName, String version) {
        Path jar = jars.get(symbolicName + "@" + version);
        if (jar == null) {
            throw new IllegalStateException("The demo repository has no " + symbolicName + " " + version + "; it has " + jars.keySet());
        }
        return jar;
    }

    private static void copy(String name, Path to) throws IOException {
        try (InputStream in = DemoRepository.class.getClassLoader().getResourceAsStream(ROOT + "/" + name)) {
            if (in == null) {
                throw new IOException("This launcher has no " + ROOT + "/" + name + "; rebuild it with mvn package");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Per resource: "identity@version" -> the {@code url} of its {@code osgi.content} capability. */
    private static Map<String, String> contents(Path index) throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList resources = factory.newDocumentBuilder().parse(index.toFile()).getElementsByTagNameNS("*", "resource");
            for (int r = 0; r < resources.getLength(); r++) {
                NodeList capabilities = ((Element) resources.item(r)).getElementsByTagNameNS("*", "capability");
                Map<String, String> identity = new HashMap<>();
                Map<String, String> content = new HashMap<>();
                for (int i = 0; i < capabilities.getLength(); i++) {
                    Element cap = (Element) capabilities.item(i);
                    String namespace = cap.getAttribute("namespace");
                    if ("osgi.identity".equals(namespace)) {
                        identity = attributes(cap);
                    } else if ("osgi.content".equals(namespace) && content.isEmpty()) {
                        content = attributes(cap);
                    }
                }
                if (identity.containsKey("osgi.identity") && content.containsKey("url")) {
                    contents.put(identity.get("osgi.identity") + "@" + identity.get("version"), content.get("url"));
                }
            }
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("The embedded demo index " + index + " is not readable XML: " + e.getMessage(), e);
        }
        return contents;
    }

    private static Map<String, String> attributes(Element capability) {
        Map<String, String> values = new HashMap<>();
        NodeList attributes = capability.getElementsByTagNameNS("*", "attribute");
        for (int j = 0; j < attributes.getLength(); j++) {
            Element a = (Element) attributes.item(j);
            values.put(a.getAttribute("name"), a.getAttribute("value"));
        }
        return values;
    }
}
