package io.baton.container.shell.internal.repo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.felix.bundlerepository.impl.DataModelHelperImpl;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;

/** Both index formats through bundlerepository into OSGi namespaces, and every entry checked before use. */
public class IndexReaderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final IndexReader reader = new IndexReader(new BoundedFetch(1000, 1000), new DataModelHelperImpl(), List.of());

    static String r5Resource(String bsn, String version, String url, String extra) {
        return "<resource>"
                + "<capability namespace='osgi.identity'><attribute name='osgi.identity' value='" + bsn + "'/>"
                + "<attribute name='type' value='osgi.bundle'/><attribute name='version' type='Version' value='" + version + "'/></capability>"
                + "<capability namespace='osgi.content'><attribute name='osgi.content' value='ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789'/>"
                + "<attribute name='url' value='" + url + "'/><attribute name='size' type='Long' value='42'/></capability>"
                + "<capability namespace='osgi.wiring.bundle'><attribute name='osgi.wiring.bundle' value='" + bsn + "'/>"
                + "<attribute name='bundle-version' type='Version' value='" + version + "'/></capability>"
                + extra + "</resource>";
    }

    static String r5(String... resources) {
        return "<?xml version='1.0' encoding='UTF-8'?><repository xmlns='http://www.osgi.org/xmlns/repository/v1.0.0' name='t' increment='1'>"
                + String.join("", resources) + "</repository>";
    }

    private String write(String name, String xml) throws Exception {
        Path file = tmp.getRoot().toPath().resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml);
        return file.toUri().toString();
    }

    @Test
    public void anR5IndexGivesEachBundleItsResolvedUrlItsDigestAndItsCapabilitiesInOsgiNamespaces() throws Exception {
        String index = write("repo/index.xml", r5(r5Resource("lib", "1.2.0", "bundles/lib.jar",
                "<capability namespace='osgi.wiring.package'><attribute name='osgi.wiring.package' value='p'/>"
                        + "<attribute name='version' type='Version' value='1.2.0'/><directive name='uses' value='q'/></capability>"
                        + "<requirement namespace='osgi.wiring.package'><directive name='filter' value='(&amp;(osgi.wiring.package=q)(version&gt;=1.0.0))'/></requirement>"
                        + "<requirement namespace='osgi.extender'><directive name='filter' value='(osgi.extender=osgi.component)'/></requirement>")));

        IndexReader.Index read = reader.read(index);

        assertEquals(IndexFormat.R5, read.format);
        IndexedBundle lib = read.bundles.get(0);
        assertEquals("lib", lib.symbolicName);
        assertEquals(tmp.getRoot().toPath().resolve("repo/bundles/lib.jar").toUri(), lib.url);
        assertEquals("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", lib.sha256);
        assertEquals(42, lib.size);
        Capability p = lib.resource.getCapabilities("osgi.wiring.package").get(0);
        assertEquals("p", p.getAttributes().get("osgi.wiring.package"));
        assertEquals(org.osgi.framework.Version.parseVersion("1.2.0"), p.getAttributes().get("version"));
        assertEquals("lib", p.getAttributes().get("bundle-symbolic-name"));
        assertEquals("q", p.getDirectives().get("uses"));
        assertEquals("lib", lib.resource.getCapabilities("osgi.wiring.bundle").get(0).getAttributes().get("osgi.wiring.bundle"));
        List<Requirement> imports = lib.resource.getRequirements("osgi.wiring.package");
        assertEquals("(&(osgi.wiring.package=q)(version>=1.0.0))", imports.get(0).getDirectives().get("filter"));
        assertEquals(1, lib.resource.getRequirements("osgi.extender").size());
    }

    @Test
    public void anObrRepositoryXmlAsMavenBundlePluginWritesItHasNoDigestButItsSizeAndAFragmentsHost() throws Exception {
        String index = write("obr/repository.xml", "<?xml version='1.0' encoding='utf-8'?>"
                + "<repository lastmodified='20261201120000.000' name='Test OBR'>"
                + "<resource id='lib/1.0.0' symbolicname='lib' presentationname='lib' uri='lib-1.0.0.jar' version='1.0.0'>"
                + "<size>1234</size>"
                + "<capability name='bundle'><p n='manifestversion' v='2'/><p n='symbolicname' v='lib'/><p n='version' t='version' v='1.0.0'/></capability>"
                + "<capability name='package'><p n='package' v='p'/><p n='uses:' v='q'/><p n='version' t='version' v='1.0.0'/></capability>"
                + "<require extend='false' filter='(&amp;(package=q)(version&gt;=1.0.0)(!(version&gt;=2.0.0)))' multiple='false' name='package'"
                + " optional='false'>Import package q</require>"
                + "<require extend='false' filter='(|(ee=JavaSE-17))' multiple='false' name='ee' optional='false'>Execution Environment</require>"
                + "</resource>"
                + "<resource id='lib.nl/1.0.0' symbolicname='lib.nl' uri='lib.nl-1.0.0.jar' version='1.0.0'><size>99</size>"
                + "<capability name='bundle'><p n='manifestversion' v='2'/><p n='symbolicname' v='lib.nl'/><p n='version' t='version' v='1.0.0'/></capability>"
                + "<capability name='fragment'><p n='host' v='lib'/><p n='version' t='version' v='0.0.0'/></capability>"
                + "<require extend='true' filter='(&amp;(symbolicname=lib))' multiple='false' name='bundle' optional='false'>Required Host lib</require>"
                + "</resource></repository>");

        IndexReader.Index read = reader.read(index);

        assertEquals(IndexFormat.OBR, read.format);
        IndexedBundle lib = read.bundles.get(0);
        assertNull("an OBR repository carries no digest", lib.sha256);
        assertEquals(1234, lib.size);
        assertEquals(tmp.getRoot().toPath().resolve("obr/lib-1.0.0.jar").toUri(), lib.url);
        Capability p = lib.resource.getCapabilities("osgi.wiring.package").get(0);
        assertEquals("p", p.getAttributes().get("osgi.wiring.package"));
        assertEquals("q", p.getDirectives().get("uses"));
        assertEquals("(&(osgi.wiring.package=q)(version>=1.0.0)(!(version>=2.0.0)))",
                lib.resource.getRequirements("osgi.wiring.package").get(0).getDirectives().get("filter"));
        assertTrue("the OBR ee requirement is left to the framework", lib.resource.getRequirements("ee").isEmpty());
        assertEquals("every OBR bundle can host fragments", "lib", lib.resource.getCapabilities("osgi.wiring.host").get(0).getAttributes().get("osgi.wiring.host"));

        IndexedBundle fragment = read.bundles.get(1);
        assertEquals("osgi.fragment", fragment.resource.getCapabilities("osgi.identity").get(0).getAttributes().get("type"));
        Requirement host = fragment.resource.getRequirements("osgi.wiring.host").get(0);
        assertTrue("the fragment's host matches lib's host capability",
                Matching.matches(host, lib.resource.getCapabilities("osgi.wiring.host").get(0)));
        assertTrue("a fragment hosts nothing", fragment.resource.getCapabilities("osgi.wiring.host").isEmpty());
    }

    @Test
    public void aGzippedIndexIsReadWhateverItsName() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(r5(r5Resource("lib", "1.0.0", "lib.jar", "")).getBytes(StandardCharsets.UTF_8));
        }
        Path file = tmp.newFolder("gz").toPath().resolve("index.xml.gz");
        Files.write(file, gz.toByteArray());

        IndexedBundle lib = reader.read(file.toUri().toString()).bundles.get(0);

        assertEquals("relative to the index's folder, not its name", file.resolveSibling("lib.jar").toUri(), lib.url);
    }

    @Test
    public void anIdentityThatIsNotASymbolicNameRefusesTheWholeIndex() throws Exception {
        String index = write("evil/index.xml", r5(r5Resource("good", "1.0.0", "good.jar", ""), r5Resource("../../escape", "1.0.0", "x.jar", "")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.read(index));

        assertTrue(e.getMessage(), e.getMessage().contains("refused, nothing from it is used: an entry's identity '../../escape' is not a bundle symbolic name"));
    }

    @Test
    public void urlsOutsideTheIndexLocationAreRefusedUnlessAllowed() throws Exception {
        String index = write("out/index.xml", r5(r5Resource("passwd", "1.0.0", "file:/etc/passwd", ""),
                r5Resource("admin", "1.0.0", "http://127.0.0.1:9/admin", ""), r5Resource("up", "1.0.0", "../elsewhere/up.jar", "")));

        String m = assertThrows(IllegalArgumentException.class, () -> reader.read(index)).getMessage();

        String location = "outside the index's location file:" + tmp.getRoot().toPath().resolve("out") + "/";
        assertTrue(m, m.contains("passwd 1.0.0: file:/etc/passwd is " + location));
        assertTrue(m, m.contains("admin 1.0.0: http://127.0.0.1:9/admin is " + location));
        assertTrue(m, m.contains("up 1.0.0: file:" + tmp.getRoot().toPath().resolve("elsewhere/up.jar") + " is " + location));
        assertTrue(m, m.endsWith("(allow other locations with baton.repos.allow / --repo-allow)"));

        IndexReader allowing = new IndexReader(new BoundedFetch(1000, 1000), new DataModelHelperImpl(), List.of("file:/etc/", "http://127.0.0.1:9/",
                tmp.getRoot().toPath().resolve("elsewhere").toUri().toString()));
        assertEquals(3, allowing.read(index).bundles.size());
    }

    @Test
    public void whatIsNotAnIndexOrIsNotThereIsNamedAsSuch() throws Exception {
        String text = write("text.xml", "not xml at all");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> reader.read(text)).getMessage()
                .startsWith("Repository " + text + " is not a readable R5 index or OBR repository.xml"));
        String other = write("other.xml", "<feed/>");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> reader.read(other)).getMessage().contains("expected <repository>"));
        assertEquals("Repository file:///no/such/index.xml is unreachable: no such file /no/such/index.xml",
                assertThrows(IllegalArgumentException.class, () -> reader.read("file:///no/such/index.xml")).getMessage());
        assertFalse(Files.exists(Path.of("/no/such")));
    }
}
