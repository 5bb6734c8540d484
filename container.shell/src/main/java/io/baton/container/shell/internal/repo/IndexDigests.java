package io.baton.container.shell.internal.repo;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An index's format and, for an R5 index, the SHA-256 of each bundle. bundlerepository parses every
 * other part of an index, but drops the digest an R5 index carries (it computes one later by
 * downloading the bundle, which proves nothing); this one pass reads the digests back, keyed by
 * {@code symbolic-name@version}, so a download can be checked against what the index vouches for.
 */
final class IndexDigests {
    final IndexFormat format;
    private final Map<String, String> sha256 = new HashMap<>();

    private IndexDigests(IndexFormat format) {
        this.format = format;
    }

    /** @return the index's SHA-256 (lower-case hex) for that bundle, or null if it carries none */
    String sha256(String symbolicName, String version) {
        return sha256.get(symbolicName + "@" + version);
    }

    /**
     * @throws XMLStreamException if the bytes are not XML
     * @throws IllegalArgumentException if the root element is not {@code <repository>}
     */
    static IndexDigests read(byte[] xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // an index has no business with DTDs or external entities
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader in = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
        try {
            while (in.next() != XMLStreamConstants.START_ELEMENT) {
                // prolog, comments
            }
            if (!"repository".equals(in.getLocalName())) {
                throw new IllegalArgumentException("the root element is <" + in.getLocalName() + ">, expected <repository>");
            }
            IndexDigests digests = new IndexDigests(IndexFormat.R5_NAMESPACE.equals(in.getNamespaceURI()) ? IndexFormat.R5 : IndexFormat.OBR);
            if (digests.format == IndexFormat.R5) {
                digests.readResources(in);
            }
            return digests;
        } finally {
            in.close();
        }
    }

    private void readResources(XMLStreamReader in) throws XMLStreamException {
        String namespace = null;
        String bsn = null;
        String version = null;
        String sha = null;
        while (in.hasNext()) {
            int event = in.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (in.getLocalName()) {
                    case "resource":
                        bsn = version = sha = null;
                        break;
                    case "capability":
                        namespace = in.getAttributeValue(null, "namespace");
                        break;
                    case "attribute":
                        String name = in.getAttributeValue(null, "name");
                        String value = in.getAttributeValue(null, "value");
                        if ("osgi.identity".equals(namespace) && "osgi.identity".equals(name)) {
                            bsn = value;
                        } else if ("osgi.identity".equals(namespace) && "version".equals(name)) {
                            version = value;
                        } else if ("osgi.content".equals(namespace) && "osgi.content".equals(name) && sha == null) {
                            sha = value; // the first content capability is the bundle itself
                        }
                        break;
                    default:
                        break;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && "resource".equals(in.getLocalName())
                    && bsn != null && version != null && sha != null) {
                sha256.put(bsn + "@" + org.osgi.framework.Version.parseVersion(version), sha.toLowerCase(Locale.ROOT));
            }
        }
    }
}
