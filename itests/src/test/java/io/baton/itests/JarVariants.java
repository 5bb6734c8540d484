package io.baton.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Makes variants of a built bundle for the tests: another version, extra or removed headers, entries
 * left out. Other versions of one symbolic name come from one module built once, as Sling's
 * installer tests do with their test bundles.
 */
public final class JarVariants {
    private final Path source;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Predicate<String> drop = name -> false;

    private JarVariants(Path source) {
        this.source = source;
    }

    public static JarVariants of(Path source) {
        return new JarVariants(source);
    }

    /** Sets a main manifest header; a {@code null} value removes it. */
    public JarVariants header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public JarVariants version(String version) {
        return header("Bundle-Version", version);
    }

    /** Leaves out the entries whose names match. */
    public JarVariants drop(Predicate<String> names) {
        this.drop = names;
        return this;
    }

    /**
     * Leaves out the DS components whose descriptor names contain {@code fragment}: their XML entries
     * and their mention in {@code Service-Component}.
     */
    public JarVariants withoutComponents(String fragment) throws IOException {
        try (InputStream in = Files.newInputStream(source); JarInputStream jar = new JarInputStream(in)) {
            String header = jar.getManifest().getMainAttributes().getValue("Service-Component");
            StringBuilder kept = new StringBuilder();
            for (String entry : header.split(",")) {
                if (!entry.contains(fragment)) {
                    kept.append(kept.length() == 0 ? "" : ",").append(entry.trim());
                }
            }
            header("Service-Component", kept.length() == 0 ? null : kept.toString());
        }
        return drop(name -> name.startsWith("OSGI-INF/") && name.contains(fragment));
    }

    /** Writes the variant to {@code target} and returns it. */
    public Path writeTo(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = Files.newInputStream(source); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = new Manifest(jar.getManifest());
            Attributes main = manifest.getMainAttributes();
            headers.forEach((k, v) -> {
                if (v == null) {
                    main.remove(new Attributes.Name(k));
                } else {
                    main.putValue(k, v);
                }
            });
            try (OutputStream out = Files.newOutputStream(target); JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                    if (drop.test(e.getName())) {
                        continue;
                    }
                    copy.putNextEntry(new JarEntry(e.getName()));
                    jar.transferTo(copy);
                    copy.closeEntry();
                }
            }
        }
        return target;
    }
}
