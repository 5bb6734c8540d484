package io.baton.container.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reading a target jar is bounded: file size, inflated bytes, entry count and kept entries all have caps. */
public class TargetJarTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final TargetJar.Limits SMALL = new TargetJar.Limits(1 << 20, 4 << 20, 50, 64 << 10);

    @Test
    public void aSaneJarIsRead() throws Exception {
        TargetJar jar = TargetJar.read(jar(1, 1000, 100).toString(), SMALL);
        assertEquals("test.bundle 1.2.3", jar.toString());
    }

    @Test
    public void aJarInflatingPastTheCapIsRefusedAsAZipBomb() throws Exception {
        Path bomb = jar(1, 5 << 20, 0); // 5 MiB of zeros: a few KiB on disk
        assertTrue(Files.size(bomb) < 64 << 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetJar.read(bomb.toString(), SMALL));
        assertTrue(e.getMessage(), e.getMessage().contains("inflates to more than 4194304 bytes (baton.jar.maxInflatedBytes)"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("Target " + bomb));
    }

    @Test
    public void tooManyEntriesAreRefused() throws Exception {
        Path many = jar(60, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetJar.read(many.toString(), SMALL));
        assertTrue(e.getMessage(), e.getMessage().contains("more than 50 entries (baton.jar.maxEntries)"));
    }

    @Test
    public void aHugeManifestIsRefusedBeforeItIsHeld() throws Exception {
        Path huge = jar(1, 1, 100 << 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetJar.read(huge.toString(), SMALL));
        assertTrue(e.getMessage(), e.getMessage().contains("entry META-INF/MANIFEST.MF is over 65536 bytes"));
    }

    @Test
    public void aFileOverTheSizeCapIsRefusedUnread() throws Exception {
        Path big = tmp.newFile("big.jar").toPath();
        Files.write(big, new byte[(1 << 20) + 1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetJar.read(big.toString(), SMALL));
        assertTrue(e.getMessage(), e.getMessage().contains("over 1048576 (baton.jar.maxBytes)"));
    }

    /** A bundle jar with {@code entries} entries of {@code zeros} zero bytes each and a manifest padded by {@code padding} bytes. */
    private Path jar(int entries, int zeros, int padding) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-SymbolicName", "test.bundle");
        a.putValue("Bundle-Version", "1.2.3");
        if (padding > 0) {
            a.putValue("X-Padding", "x".repeat(padding));
        }
        Path jar = tmp.newFile().toPath();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, m)) {
            for (int i = 0; i < entries; i++) {
                out.putNextEntry(new JarEntry("data/" + i + ".bin"));
                out.write(new byte[zeros]);
                out.closeEntry();
            }
        }
        return jar;
    }
}
