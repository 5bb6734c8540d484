package io.baton.container.shell.internal.repo;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Version;

/** A download is written only once what vouches for it agrees, under a name that stays in the folder. */
public class DownloadsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path folder;
    private Downloads downloads;
    private Path repo;

    private IndexedBundle bundle(String bsn, String sha256, long size) throws Exception {
        if (folder == null) {
            folder = tmp.newFolder("downloads").toPath();
            repo = tmp.newFolder("repo").toPath();
            downloads = new Downloads(folder, new BoundedFetch(1000, 1000), List.of());
        }
        Path jar = repo.resolve("b.jar");
        Files.write(jar, new byte[] {1, 2, 3});
        return new IndexedBundle(bsn, Version.parseVersion("1.0.0"), jar.toUri(), sha256, size, repo.resolve("index.xml").toUri().toString(),
                new BasicResource(bsn));
    }

    private long written() throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    public void contentMatchingTheIndexDigestIsWrittenUnderASafeName() throws Exception {
        IndexedBundle b = bundle("lib", Downloads.sha256(new byte[] {1, 2, 3}), -1);

        Path jar = downloads.fetch(b);

        assertEquals(folder, jar.getParent());
        assertTrue(jar.getFileName().toString(), jar.getFileName().toString().startsWith("lib-1.0.0-"));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(jar));
    }

    @Test
    public void aDigestMismatchIsRefusedWithoutEchoingTheDigestOfWhatWasRead() throws Exception {
        IndexedBundle b = bundle("lib", "0".repeat(64), -1);

        String m = assertThrows(IllegalArgumentException.class, () -> downloads.fetch(b)).getMessage();

        assertTrue(m, m.contains("does not match the index") && m.endsWith("refused, nothing installed"));
        assertFalse("the refused content's digest is not told", m.contains(Downloads.sha256(new byte[] {1, 2, 3})));
        assertEquals(0, written());
    }

    @Test
    public void withoutADigestTheSizeMustMatchAndWithNeitherNothingIsTrusted() throws Exception {
        IndexedBundle rightSize = bundle("lib", null, 3);
        assertTrue("an OBR bundle of the size its repository gives", Files.exists(downloads.fetch(rightSize)));
        IndexedBundle wrongSize = bundle("lib", null, 4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> downloads.fetch(wrongSize)).getMessage()
                .contains("has 3 bytes, the repository says 4"));
        IndexedBundle neither = bundle("lib", null, -1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> downloads.fetch(neither)).getMessage()
                .contains("gives neither a SHA-256 nor a size"));
    }

    @Test
    public void namesAreSanitisedAndNoNameLeavesTheFolder() throws Exception {
        bundle("x", null, -1);
        assertEquals("_______etc_passwd", Downloads.safeName("/../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> downloads.store("../escape.jar", new byte[1]));
        assertFalse(Files.exists(folder.resolveSibling("escape.jar")));
    }
}
