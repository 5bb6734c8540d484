package io.baton.container.shell.internal.repo;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/** Repository bundles written as the resolver sees them: identity, exported and imported packages. */
final class TestResources {
    private final List<IndexedBundle> bundles = new ArrayList<>();

    /** A bundle exporting and importing packages: {@code exports} as {@code "p;1.0.0"} or {@code "p;1.0.0;uses=q"}, {@code imports} as {@code "q;[1,2)"}. */
    TestResources bundle(String bsn, String version, List<String> exports, List<String> imports) {
        Version v = Version.parseVersion(version);
        BasicResource r = new BasicResource(bsn + " " + v);
        r.capability("osgi.identity", Map.of("osgi.identity", bsn, "version", v, "type", "osgi.bundle"), Map.of());
        r.capability("osgi.wiring.bundle", Map.of("osgi.wiring.bundle", bsn, "bundle-version", v), Map.of());
        for (String e : exports) {
            String[] parts = e.split(";");
            Map<String, String> directives = new HashMap<>();
            if (parts.length > 2) {
                directives.put("uses", parts[2].substring("uses=".length()));
            }
            r.capability("osgi.wiring.package", Map.of("osgi.wiring.package", parts[0], "version", Version.parseVersion(parts[1]),
                    "bundle-symbolic-name", bsn, "bundle-version", v), directives);
        }
        for (String i : imports) {
            String[] parts = i.split(";");
            r.requirement("osgi.wiring.package", Map.of(), Map.of("filter",
                    "(&(osgi.wiring.package=" + parts[0] + ")" + new VersionRange(parts[1]).toFilterString("version") + ")"));
        }
        bundles.add(new IndexedBundle(bsn, v, URI.create("file:/repo/" + bsn + "-" + v + ".jar"), "0".repeat(64), 1, "file:/repo/index.xml", r));
        return this;
    }

    IndexRepository repository() {
        return new IndexRepository(List.of(new IndexReader.Index("file:/repo/index.xml", IndexFormat.R5, bundles)));
    }

    IndexedBundle get(String bsn, String version) {
        return bundles.stream().filter(b -> b.symbolicName.equals(bsn) && b.version.equals(Version.parseVersion(version))).findFirst().orElseThrow();
    }
}
