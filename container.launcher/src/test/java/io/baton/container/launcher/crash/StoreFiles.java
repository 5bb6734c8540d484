package io.baton.container.launcher.crash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The rollback store of a home as an attacker (or a bad disk) sees it: where it is, how its files are
 * framed, and the payloads that used to take the rollback subsystem down. Written from the outside,
 * with no Baton class: what the tests forge is what anyone with write access could.
 */
final class StoreFiles {
    private StoreFiles() {
    }

    /**
     * @return the rollback bundle's store: {@code <home>/framework/bundle<n>/data/store} on Felix,
     *         {@code <home>/framework/org.eclipse.osgi/<n>/data/store} on Equinox
     */
    static Path store(Path home) throws IOException {
        try (Stream<Path> dirs = Files.walk(home.resolve("framework"), 4)) {
            return dirs.filter(p -> p.endsWith("data/store")).filter(p -> Files.isDirectory(p.resolve("checkpoints"))
                    || Files.exists(p.resolve("journal-a.json"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no rollback store under " + home));
        }
    }

    /** Writes {@code content} framed as the store frames it: {@code BATON1 sha256=<hex> length=<n>\n}. */
    static void writeFramed(Path file, byte[] content) throws IOException {
        byte[] header = ("BATON1 sha256=" + sha256(content) + " length=" + content.length + "\n").getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header);
            out.write(content);
        }
    }

    /** @return the content of a framed file (after its header line) */
    static byte[] readFramed(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int nl = 0;
        while (all[nl] != '\n') {
            nl++;
        }
        return java.util.Arrays.copyOfRange(all, nl + 1, all.length);
    }

    /** Replaces a checkpoint's state with {@code content}, and its description's digest to match: a forgery, not a torn file. */
    static void forgeState(Path home, String checkpoint, byte[] content) throws IOException {
        Path dir = store(home).resolve("checkpoints");
        writeFramed(dir.resolve(checkpoint + ".state"), content);
        Path json = dir.resolve(checkpoint + ".json");
        String description = new String(readFramed(json), StandardCharsets.UTF_8)
                .replaceAll("\"stateSha256\"\\s*:\\s*\"[0-9a-f]+\"", "\"stateSha256\":\"" + sha256(content) + "\"");
        writeFramed(json, description.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the journal generation written last */
    static Path newestJournal(Path home) throws IOException {
        Path a = store(home).resolve("journal-a.json");
        Path b = store(home).resolve("journal-b.json");
        if (!Files.exists(b)) {
            return a;
        }
        return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b)) >= 0 ? a : b;
    }

    static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** A state whose byte array claims 2^31 - 1 elements: reading it naively allocates 2 GB. */
    static byte[] forgedHugeArray() throws IOException {
        byte[] bytes = serialize(new LinkedHashMap<>(Map.of("snapshots", new LinkedHashMap<>(Map.of("data", new byte[16])))));
        for (int i = 0; i < bytes.length - 4; i++) {
            if (bytes[i] == 0 && bytes[i + 1] == 0 && bytes[i + 2] == 0 && bytes[i + 3] == 16) {
                bytes[i] = 0x7f;
                bytes[i + 1] = (byte) 0xff;
                bytes[i + 2] = (byte) 0xff;
                bytes[i + 3] = (byte) 0xff;
                return bytes;
            }
        }
        throw new IllegalStateException("no array length found to forge");
    }

    /** A state nested 2 000 maps deep: reading it naively overflows the stack. */
    static byte[] deeplyNested() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> cursor = root;
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> next = new LinkedHashMap<>();
            cursor.put("n", next);
            cursor = next;
        }
        // written by a thread with a big stack: the writer recurses as deep as the reader would
        byte[][] out = new byte[1][];
        IOException[] failed = new IOException[1];
        Thread writer = new Thread(null, () -> {
            try {
                out[0] = serialize(new LinkedHashMap<>(Map.of("snapshots", root)));
            } catch (IOException e) {
                failed[0] = e;
            }
        }, "deep-writer", 512L << 20);
        writer.start();
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return out[0];
    }

    /** The nested-HashSet bomb: 100 levels of two sets that hash each other 2^100 times on read. */
    static byte[] hashSetBomb() throws IOException {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return serialize(new LinkedHashMap<>(Map.of("snapshots", root)));
    }

    /** Copies a jar with one main manifest header set to {@code value}. */
    static Path withHeader(Path jar, Path target, String name, String value) throws IOException {
        try (InputStream in = Files.newInputStream(jar); JarInputStream source = new JarInputStream(in)) {
            Manifest manifest = source.getManifest();
            manifest.getMainAttributes().putValue(name, value);
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry e = source.getNextJarEntry(); e != null; e = source.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    source.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
