package io.baton.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.osgi.framework.VersionRange;

/**
 * A repository made by a test: small bundles (a manifest exporting and importing packages, no
 * classes), written into a folder with an R5 {@code index.xml} beside them as bnd's indexer writes one
 * (relative URLs, SHA-256, size). Bundles are derived from a built example jar with its entries left out.
 */
final class TestRepository {
    private final Path folder;
    private final Path base;
    private final List<String> resources = new ArrayList<>();
    private final List<Path> jars = new ArrayList<>();

    /** @param base any built bundle: its manifest is rewritten, its entries dropped */
    TestRepository(Path folder, Path base) {
        this.folder = folder;
        this.base = base;
    }

    /**
     * @param exports {@code "p;1.0.0"}, or {@code "p;1.0.0;q"} for a package whose API uses {@code q}
     * @param imports {@code "q;[1,2)"}
     */
    TestRepository bundle(String bsn, String version, List<String> exports, List<String> imports) throws IOException {
        StringBuilder exportHeader = new StringBuilder();
        StringBuilder caps = new StringBuilder();
        for (String e : exports) {
            String[] p = e.split(";");
            exportHeader.append(exportHeader.length() == 0 ? "" : ",").append(p[0]).append(";version=").append(p[1])
                    .append(p.length > 2 ? ";uses:=\"" + p[2] + "\"" : "");
            caps.append("<capability namespace='osgi.wiring.package'><attribute name='osgi.wiring.package' value='").append(p[0])
                    .append("'/><attribute name='version' type='Version' value='").append(p[1])
                    .append("'/><attribute name='bundle-symbolic-name' value='").append(bsn)
                    .append("'/><attribute name='bundle-version' type='Version' value='").append(version).append("'/>")
                    .append(p.length > 2 ? "<directive name='uses' value='" + p[2] + "'/>" : "").append("</capability>");
        }
        StringBuilder importHeader = new StringBuilder();
        StringBuilder reqs = new StringBuilder();
        for (String i : imports) {
            String[] p = i.split(";");
            importHeader.append(importHeader.length() == 0 ? "" : ",").append(p[0]).append(";version=\"").append(p[1]).append("\"");
            String filter = "(&(osgi.wiring.package=" + p[0] + ")" + new VersionRange(p[1]).toFilterString("version") + ")";
            reqs.append("<requirement namespace='osgi.wiring.package'><directive name='filter' value='")
                    .append(filter.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append("'/></requirement>");
        }
        Path jar = JarVariants.of(base).header("Bundle-SymbolicName", bsn).header("Bundle-Version", version)
                .header("Bundle-Name", bsn).header("Export-Package", exports.isEmpty() ? null : exportHeader.toString())
                .header("Import-Package", imports.isEmpty() ? null : importHeader.toString())
                .header("Service-Component", null).header("Provide-Capability", null).header("Require-Capability", null)
                .header("Bundle-Activator", null).drop(name -> true)
                .writeTo(folder.resolve(bsn + "-" + version + ".jar"));
        jars.add(jar);
        resources.add(resource(bsn, version, jar.getFileName().toString(), sha256(Files.readAllBytes(jar)), Files.size(jar),
                caps.toString() + reqs));
        return this;
    }

    /** An index entry as bnd writes it; {@code url} is taken as given (a test may lie in it). */
    static String resource(String bsn, String version, String url, String sha256, long size, String more) {
        return "<resource><capability namespace='osgi.identity'><attribute name='osgi.identity' value='" + bsn
                + "'/><attribute name='type' value='osgi.bundle'/><attribute name='version' type='Version' value='" + version
                + "'/></capability><capability namespace='osgi.content'><attribute name='osgi.content' value='" + sha256
                + "'/><attribute name='url' value='" + url + "'/><attribute name='size' type='Long' value='" + size
                + "'/><attribute name='mime' value='application/vnd.osgi.bundle'/></capability>"
                + "<capability namespace='osgi.wiring.bundle'><attribute name='osgi.wiring.bundle' value='" + bsn
                + "'/><attribute name='bundle-version' type='Version' value='" + version + "'/></capability>" + more + "</resource>";
    }

    /** Adds an entry by hand (for indexes that lie). */
    TestRepository entry(String resourceXml) {
        resources.add(resourceXml);
        return this;
    }

    /** @return the jars written so far */
    List<Path> jars() {
        return List.copyOf(jars);
    }

    /** Writes {@code index.xml} into the folder; returns its URL. */
    String writeIndex() throws IOException {
        Path index = folder.resolve("index.xml");
        Files.writeString(index, "<?xml version='1.0' encoding='UTF-8'?>\n<repository xmlns='http://www.osgi.org/xmlns/repository/v1.0.0'"
                + " name='test' increment='1'>\n" + String.join("\n", resources) + "\n</repository>\n", StandardCharsets.UTF_8);
        return index.toUri().toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
