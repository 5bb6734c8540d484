package io.baton.container.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * The packages the host shares through the system bundle must carry the versions the Baton bundles
 * export: a lower one would not satisfy the bundles' own imports, they would wire to their own copy,
 * and a host would get ClassCastExceptions on {@code Container}.
 */
public class SystemPackagesTest {
    private static final Pattern CLAUSE = Pattern.compile("(io\\.baton\\.container\\.[a-z]+);version=\"?([0-9.]+)\"?");

    @Test
    public void systemPackageVersionsMatchWhatTheBundlesExport() throws IOException {
        Map<String, String> exported = new HashMap<>();
        for (RuntimeAssembly.Entry e : RuntimeAssembly.load().bundles()) {
            if (!e.fileName().startsWith("container.")) {
                continue;
            }
            try (InputStream in = e.url().openStream(); JarInputStream jar = new JarInputStream(in)) {
                String header = jar.getManifest().getMainAttributes().getValue("Export-Package");
                Matcher m = CLAUSE.matcher(header == null ? "" : header);
                while (m.find()) {
                    exported.put(m.group(1), m.group(2));
                }
            }
        }
        Matcher shared = CLAUSE.matcher(RuntimeAssembly.SYSTEM_PACKAGES_EXTRA);
        int count = 0;
        while (shared.find()) {
            count++;
            assertTrue(shared.group(1) + " is exported by a Baton bundle: " + exported, exported.containsKey(shared.group(1)));
            assertEquals(shared.group(1), exported.get(shared.group(1)), shared.group(2));
        }
        assertEquals("core, statexfer and rollback APIs are shared", 3, count);
    }
}
