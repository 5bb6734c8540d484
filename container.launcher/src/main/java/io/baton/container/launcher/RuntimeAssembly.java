package io.baton.container.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The bundles that make a Baton container and the framework properties they run with.
 *
 * <p>The list itself is declared once, in {@code container.launcher/pom.xml}, which embeds the bundles
 * in this jar under {@code baton-runtime/<start level>/}. This class reads what the build embedded, so
 * the launcher and the integration tests start exactly the same container.
 */
public final class RuntimeAssembly {
    /** Resource folder holding one sub-folder per start level. */
    public static final String ROOT = "baton-runtime";
    /** Start level of the infrastructure bundles (SCR, Gogo, ConfigAdmin, ...). */
    public static final int INFRASTRUCTURE_LEVEL = 1;
    /** Start level of Baton's own bundles. */
    public static final int BATON_LEVEL = 2;
    /** Start level given to every other bundle, managed application bundles included. */
    public static final int APPLICATION_LEVEL = 3;
    /** Framework property: the port of the HTTP runtime (Felix HTTP Jetty); {@code 0}, the default here, picks a free one. */
    public static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";
    /** Framework property: the address the HTTP runtime binds; loopback by default here. */
    public static final String HTTP_HOST_PROPERTY = "org.apache.felix.http.host";
    /**
     * Framework property: the file whose first line is the token of the dashboard, REST API and metrics
     * (container.web); {@code baton.jar run} sets it to the control channel's {@code <home>/ctl.token}.
     */
    public static final String TOKEN_FILE_PROPERTY = "baton.token.file";
    /** Packages the host shares with the bundles through the system bundle. */
    public static final String SYSTEM_PACKAGES_EXTRA =
            "io.baton.container.core;version=2.1.0,io.baton.container.statexfer;version=1.2.0,io.baton.container.rollback;version=2.1.0";

    /**
     * How {@code mvn:} targets are resolved (pax-url-aether reads these framework properties): a download
     * whose checksum does not match fails, Maven Central unless {@code --maven-repo} says otherwise, no
     * hidden fallback repositories, and every remote read bounded.
     */
    public static final Map<String, String> MAVEN_DEFAULTS = Map.of(
            "org.ops4j.pax.url.mvn.globalChecksumPolicy", "fail",
            "org.ops4j.pax.url.mvn.repositories", "https://repo1.maven.org/maven2@id=central",
            "org.ops4j.pax.url.mvn.useFallbackRepositories", "false",
            "org.ops4j.pax.url.mvn.socket.connectionTimeout", "5000",
            "org.ops4j.pax.url.mvn.socket.readTimeout", "10000",
            "org.ops4j.pax.url.mvn.timeout", "10000");

    /** One embedded bundle. */
    public static final class Entry {
        private final String fileName;
        private final int startLevel;
        private final URL url;
        private final boolean fragment;

        Entry(String fileName, int startLevel, URL url, boolean fragment) {
            this.fileName = fileName;
            this.startLevel = startLevel;
            this.url = url;
            this.fragment = fragment;
        }

        /** @return the jar's file name, e.g. {@code org.apache.felix.scr-2.2.18.jar} */
        public String fileName() {
            return fileName;
        }

        public int startLevel() {
            return startLevel;
        }

        /** @return where to read the jar from ({@code file:} or {@code jar:}) */
        public URL url() {
            return url;
        }

        /** @return true for a fragment, which is resolved with its host and never started */
        public boolean fragment() {
            return fragment;
        }

        @Override
        public String toString() {
            return startLevel + "/" + fileName;
        }
    }

    private final List<Entry> bundles;

    private RuntimeAssembly(List<Entry> bundles) {
        this.bundles = Collections.unmodifiableList(bundles);
    }

    /**
     * Reads the assembly embedded next to this class (in the launcher jar, or in {@code target/classes}
     * during the build).
     *
     * @throws BatonException if the launcher was built without its runtime bundles
     */
    public static RuntimeAssembly load() {
        CodeSource source = RuntimeAssembly.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new BatonException("Cannot locate the launcher jar to read " + ROOT + "/ from");
        }
        List<Entry> entries;
        try {
            Path location = Path.of(source.getLocation().toURI());
            entries = Files.isDirectory(location) ? fromDirectory(location.resolve(ROOT)) : fromJar(location);
        } catch (IOException | URISyntaxException e) {
            throw new BatonException("Cannot read the runtime bundles from " + source.getLocation() + ": " + e, e);
        }
        if (entries.isEmpty()) {
            throw new BatonException("No runtime bundles under " + ROOT + "/ in " + source.getLocation()
                    + "; was the launcher built with 'mvn package'?");
        }
        entries.sort(Comparator.comparingInt(Entry::startLevel).thenComparing(Entry::fileName));
        return new RuntimeAssembly(entries);
    }

    private static List<Entry> fromDirectory(Path root) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path jar : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                int level = Integer.parseInt(jar.getParent().getFileName().toString());
                URL url = jar.toUri().toURL();
                entries.add(new Entry(jar.getFileName().toString(), level, url, isFragment(url)));
            }
        }
        return entries;
    }

    private static List<Entry> fromJar(Path jarPath) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String base = "jar:" + jarPath.toUri() + "!/";
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            Enumeration<JarEntry> all = jar.entries();
            while (all.hasMoreElements()) {
                String name = all.nextElement().getName();
                String[] parts = name.split("/");
                if (parts.length == 3 && parts[0].equals(ROOT) && parts[2].endsWith(".jar")) {
                    URL url = new URL(base + name);
                    entries.add(new Entry(parts[2], Integer.parseInt(parts[1]), url, isFragment(url)));
                }
            }
        }
        return entries;
    }

    private static boolean isFragment(URL url) throws IOException {
        try (InputStream in = url.openStream(); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Fragment-Host") != null;
        }
    }

    /** @return the bundles, ordered by start level then file name */
    public List<Entry> bundles() {
        return bundles;
    }

    /**
     * Framework properties every Baton container runs with, without the storage location (the
     * launcher sets it under the home, Pax Exam under its own working folder).
     */
    public static Map<String, String> frameworkProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("org.osgi.framework.system.packages.extra", SYSTEM_PACKAGES_EXTRA);
        props.put("felix.startlevel.bundle", Integer.toString(APPLICATION_LEVEL));
        // The console is opt-in (run on a terminal); exec, tests and embedding hosts have none.
        props.put("gosh.args", "--nointeractive");
        props.put("felix.log.level", "1");
        // Resolve on the calling thread: Felix's resolver pool outlives the framework by a minute.
        props.put("felix.resolver.parallelism", "1");
        // The HTTP runtime listens on loopback only, on a free port, unless the host asks otherwise
        // (baton.jar run --http-host/--http-port): never every interface, never a fixed port that collides.
        props.put(HTTP_HOST_PROPERTY, "127.0.0.1");
        props.put(HTTP_PORT_PROPERTY, "0");
        props.putAll(MAVEN_DEFAULTS);
        // Crash safety rests on the framework's own state (start flags, installed bundles) being on disk when
        // a swap returns: Felix writes it at each change, Equinox every 30 s unless this is 0 (then at each change).
        props.put("eclipse.stateSaveDelayInterval", "0");
        return props;
    }
}
