package io.baton.container.rollback.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.rollback.RecordKind;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import io.baton.container.statexfer.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The store's files on a real disk: torn and corrupt files are detected, older generations used. */
public class StoreFilesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aWrittenFileReadsBackAndAFlippedByteOrACutIsDetected() throws IOException {
        Path file = tmp.getRoot().toPath().resolve("f.json");
        AtomicFiles.write(file, "hello".getBytes());
        assertArrayEquals("hello".getBytes(), AtomicFiles.read(file));

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        IOException corrupt = assertThrows(IOException.class, () -> AtomicFiles.read(file));
        assertTrue(corrupt.getMessage(), corrupt.getMessage().contains("corrupt"));

        Files.write(file, Arrays.copyOf(bytes, bytes.length - 2));
        IOException torn = assertThrows(IOException.class, () -> AtomicFiles.read(file));
        assertTrue(torn.getMessage(), torn.getMessage().contains("torn"));
    }

    @Test
    public void snapshotsKeepTheirExactTypes() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp.getRoot().toPath(), 3);
        Snapshot s = new Snapshot();
        s.type = "cart";
        s.version = 2;
        s.data = Map.of("i", 1, "l", 2L, "b", new byte[] {7}, "list", List.of("x", true));
        s.bytes = 42;
        CheckpointInfo info = store.write(new CheckpointInfo(), Map.of("id", s), Map.of("pid.a", Map.of("k", 1)));

        Snapshot back = store.snapshots(store.read(info.id)).get("id");

        assertEquals(Integer.valueOf(1), back.data.get("i"));
        assertEquals(Long.valueOf(2), back.data.get("l"));
        assertArrayEquals(new byte[] {7}, (byte[]) back.data.get("b"));
        assertEquals(List.of("x", true), back.data.get("list"));
        assertEquals(2, back.version);
        assertEquals(Map.of("pid.a", Map.of("k", 1)), store.configurations(store.read(info.id)));
        assertEquals(List.of("pid.a"), store.read(info.id).configurations);
    }

    @Test
    public void aCorruptNewestCheckpointIsSkippedLoudlyForThePreviousOne() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp.getRoot().toPath(), 5);
        store.write(new CheckpointInfo(), Map.of(), Map.of());
        CheckpointInfo second = store.write(new CheckpointInfo(), Map.of(), Map.of());
        Path newest = tmp.getRoot().toPath().resolve(second.id + ".json");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 1;
        Files.write(newest, bytes);

        CheckpointStore restarted = new CheckpointStore(tmp.getRoot().toPath(), 5); // the next start reads the disk
        List<CheckpointInfo> readable = restarted.list();

        assertEquals(1, readable.size());
        assertEquals("cp-1", readable.get(0).id);
        assertTrue(restarted.problems().toString(), restarted.problems().get(0).contains("cp-2 is unreadable"));
    }

    @Test
    public void retentionDropsOldCheckpointsAndJarsNobodyNeeds() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp.getRoot().toPath(), 2);
        String kept = store.pin("jar-a".getBytes());
        String dropped = store.pin("jar-b".getBytes());
        String running = store.pin("jar-c".getBytes());
        for (int i = 0; i < 4; i++) {
            CheckpointInfo info = new CheckpointInfo();
            CheckpointInfo.BundleEntry b = new CheckpointInfo.BundleEntry();
            b.sha256 = i == 0 ? dropped : kept;
            info.bundles.add(b);
            store.write(info, Map.of(), Map.of());
        }

        store.prune(Set.of(running));

        List<String> ids = new ArrayList<>();
        store.list().forEach(c -> ids.add(c.id));
        assertEquals(List.of("cp-4", "cp-3"), ids);
        assertTrue(Files.exists(store.pinned(kept)));
        assertTrue(Files.exists(store.pinned(running)));
        assertTrue("only cp-1 needed it", !Files.exists(store.pinned(dropped)));
    }

    @Test
    public void theJournalSurvivesACorruptGenerationAndKnowsTheTrial() throws IOException {
        List<String> problems = new ArrayList<>();
        Path dir = tmp.getRoot().toPath();
        Journal journal = new Journal(dir, problems);
        journal.open();
        SwapRecord r = new SwapRecord();
        r.kind = RecordKind.SWAP;
        r.state = RecordState.TRIAL;
        r.swapId = "swap-1";
        r = journal.add(r);                                           // generation 1 -> journal-b
        journal.transition(r, RecordState.COMMITTED, x -> { });       // generation 2 -> journal-a
        Files.write(dir.resolve("journal-a.json"), "BATON1 sha256=00 length=1\nx".getBytes());

        Journal reopened = new Journal(dir, problems);
        reopened.open();

        assertEquals("the older generation: the swap still in TRIAL", "swap-1", reopened.trial().swapId);
        assertTrue(problems.toString(), problems.get(0).contains("journal-a.json is unreadable"));
        reopened.transition(reopened.trial(), RecordState.COMMITTED, x -> { });
        assertNull(reopened.trial());
    }
}
