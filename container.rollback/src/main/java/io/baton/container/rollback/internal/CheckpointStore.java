package io.baton.container.rollback.internal;

import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.statexfer.SchemaVersion;
import io.baton.container.statexfer.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints under one folder: {@code cp-<n>.json} (the bundle set, written last: it commits the
 * checkpoint), {@code cp-<n>.state} (the snapshots), and {@code pins/<sha256>.jar} (every jar Baton
 * installed, content-addressed, so a rollback never needs the repository). Crash-safe writes with
 * checksums (see {@link AtomicFiles}); a torn or corrupt checkpoint is skipped, loudly, in favour of
 * the previous one. Retention: the newest {@code retain} checkpoints and the jars they or the running
 * set need. Thread-safe (synchronized).
 */
final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("cp-(\\d+)\\.json");

    private final Path dir;
    private final Path pins;
    private final int retain;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private final StoreHealth health;
    /** Checkpoint descriptions by id, as written or first read (files change only through this store). */
    private final Map<String, CheckpointInfo> cache = new java.util.HashMap<>();

    CheckpointStore(Path dir, int retain) {
        this(dir, retain, null);
    }

    /** @param health told of a checkpoint whose state cannot be read (the store then runs DEGRADED), or null */
    CheckpointStore(Path dir, int retain, StoreHealth health) {
        this.dir = dir;
        this.pins = dir.resolve("pins");
        this.retain = Math.max(1, retain);
        this.health = health;
    }

    Path dir() {
        return dir;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Stores a jar under its SHA-256 (once). @return the digest */
    synchronized String pin(byte[] jar) throws IOException {
        String sha = AtomicFiles.sha256(jar);
        Path file = pinned(sha);
        if (!Files.exists(file)) {
            Files.createDirectories(pins);
            Path tmp = pins.resolve(sha + ".tmp");
            Files.deleteIfExists(tmp);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.util.Set.of(java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE), AtomicFiles.ownerOnly(tmp))) {
                java.nio.ByteBuffer content = java.nio.ByteBuffer.wrap(jar);
                while (content.hasRemaining()) {
                    ch.write(content);
                }
                ch.force(true);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return sha;
    }

    /** @return for each pinned jar, its digest and {@code symbolicName@version} from its manifest; unreadable jars are skipped, and reported */
    synchronized Map<String, String> pinnedVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        if (!Files.isDirectory(pins)) {
            return versions;
        }
        try (Stream<Path> jars = Files.list(pins)) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                String name = jar.getFileName().toString();
                if (!name.endsWith(".jar")) {
                    continue;
                }
                try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(Files.newInputStream(jar))) {
                    java.util.jar.Attributes main = in.getManifest() == null ? null : in.getManifest().getMainAttributes();
                    String bsn = main == null ? null : main.getValue("Bundle-SymbolicName");
                    String version = main == null ? null : main.getValue("Bundle-Version");
                    if (bsn != null) {
                        versions.put(name.substring(0, name.length() - 4), bsn.split(";")[0].trim() + "@"
                                + org.osgi.framework.Version.parseVersion(version));
                    }
                } catch (IOException | RuntimeException e) {
                    report("Pinned jar " + jar + " is unreadable: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            report("Pinned jars in " + pins + " cannot be listed: " + e.getMessage());
        }
        return versions;
    }

    Path pinned(String sha) {
        return pins.resolve(sha + ".jar");
    }

    /** Writes a checkpoint at once, set and state (tests; swaps use {@link #prepare} and {@link #complete}). @return it */
    synchronized CheckpointInfo write(CheckpointInfo info, Map<String, Snapshot> snapshots,
            Map<String, Map<String, Object>> configurations) throws IOException {
        return complete(prepare(info, true), snapshots, configurations, true);
    }

    /**
     * Before the pause: gives the checkpoint its id and writes its bundle set, with no state yet. From
     * now on a restart that finds it named by no journal record returns to its set (the swap may have
     * switched and died before recording itself), without state: state is written with the TRIAL record.
     *
     * @param sync force the file to disk before returning (else the OS writes it back when it likes)
     */
    synchronized CheckpointInfo prepare(CheckpointInfo info, boolean sync) throws IOException {
        long n = newest() + 1;
        info.id = "cp-" + n;
        info.stateSha256 = null;
        AtomicFiles.writeAll(Map.of(dir.resolve(info.id + ".json"), Json.MAPPER.writeValueAsBytes(info)), sync);
        cache.put(info.id, info);
        return info;
    }

    /**
     * After the gates reopened: the state, then the description that names it (a description on disk
     * always has its state; a crash between the two leaves the prepared description, without state).
     */
    synchronized CheckpointInfo complete(CheckpointInfo info, Map<String, Snapshot> snapshots,
            Map<String, Map<String, Object>> configurations, boolean sync) throws IOException {
        info.configurations = new ArrayList<>(configurations.keySet());
        info.snapshots = new ArrayList<>();
        Map<String, Object> file = new LinkedHashMap<>();
        Map<String, Object> state = new LinkedHashMap<>();
        file.put("snapshots", state);
        file.put("configurations", new LinkedHashMap<>(configurations));
        for (Map.Entry<String, Snapshot> e : snapshots.entrySet()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("type", e.getValue().type);
            s.put("version", e.getValue().version);
            s.put("data", e.getValue().data);
            state.put(e.getKey(), s);
            CheckpointInfo.SnapshotEntry entry = new CheckpointInfo.SnapshotEntry();
            entry.identity = e.getKey();
            entry.type = e.getValue().type;
            entry.version = e.getValue().version;
            entry.bytes = e.getValue().bytes;
            info.snapshots.add(entry);
        }
        long hint = 0;
        for (Snapshot s : snapshots.values()) {
            hint += s.bytes;
        }
        byte[] stateBytes = PlainSerializer.write(file, hint);
        info.stateSha256 = AtomicFiles.sha256(stateBytes);
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(dir.resolve(info.id + ".state"), stateBytes);
        files.put(dir.resolve(info.id + ".json"), Json.MAPPER.writeValueAsBytes(info));
        AtomicFiles.writeAll(files, sync);
        cache.put(info.id, info);
        LOG.debug("Checkpoint {} written: {} bundles, {} snapshots ({} bytes)", info.id, info.bundles.size(), snapshots.size(), stateBytes.length);
        return info;
    }

    /** Removes a prepared checkpoint whose swap did not happen. */
    synchronized void discard(String id) throws IOException {
        cache.remove(id);
        Files.deleteIfExists(dir.resolve(id + ".state"));
        Files.deleteIfExists(dir.resolve(id + ".json"));
    }

    /**
     * Moves a damaged checkpoint's files out of the way, into {@code damaged/}, so that nothing reads
     * them again and an operator can look at them.
     *
     * @return where they went
     */
    synchronized Path quarantine(String id) throws IOException {
        cache.remove(id);
        Path damaged = dir.resolve("damaged");
        Files.createDirectories(damaged);
        String stamp = "-" + System.currentTimeMillis();
        for (String suffix : List.of(".json", ".state")) {
            Path f = dir.resolve(id + suffix);
            if (Files.exists(f)) {
                Files.move(f, damaged.resolve(id + suffix + stamp));
            }
        }
        return damaged;
    }

    /** @return the readable checkpoints, newest first; unreadable ones are reported and skipped */
    synchronized List<CheckpointInfo> list() {
        List<CheckpointInfo> all = new ArrayList<>();
        for (long n : numbers()) {
            try {
                all.add(read("cp-" + n));
            } catch (IOException e) {
                report("Checkpoint cp-" + n + " is unreadable and skipped (an older one is used): " + e.getMessage());
            }
        }
        return all;
    }

    /**
     * @return the readable checkpoint with this id
     * @throws IllegalArgumentException for an unknown (or unreadable) id, naming the known ones
     */
    synchronized CheckpointInfo find(String id) {
        if (id != null && NAME.matcher(id + ".json").matches()) {
            try {
                return read(id); // from memory: a rollback lists no folder
            } catch (IOException e) {
                // unreadable or gone: list() reports it and names the readable ones below
            }
        }
        List<CheckpointInfo> all = list();
        for (CheckpointInfo c : all) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        List<String> known = new ArrayList<>();
        all.forEach(c -> known.add(c.id));
        throw new IllegalArgumentException("No checkpoint \"" + id + "\"; known: " + known);
    }

    /** From memory once read or written: a rollback reads no file to learn its target set. */
    synchronized CheckpointInfo read(String id) throws IOException {
        CheckpointInfo known = cache.get(id);
        if (known != null) {
            return known;
        }
        CheckpointInfo info = Json.MAPPER.readValue(AtomicFiles.read(dir.resolve(id + ".json")), CheckpointInfo.class);
        cache.put(id, info);
        return info;
    }

    /**
     * @throws IOException if the state file is missing, torn, forged or refused by the reader's limits;
     *     then the checkpoint is moved to {@code damaged/} and the store reported DEGRADED: a file that
     *     failed once is never read again
     */
    private Map<String, Object> stateFile(CheckpointInfo info) throws IOException {
        if (info.stateSha256 == null) {
            return Map.of("snapshots", Map.of(), "configurations", Map.of()); // prepared, never completed: a set without state
        }
        try {
            byte[] bytes = AtomicFiles.read(dir.resolve(info.id + ".state"));
            if (!AtomicFiles.sha256(bytes).equals(info.stateSha256)) {
                throw new IOException("state of " + info.id + " does not match its checkpoint");
            }
            return PlainSerializer.read(bytes);
        } catch (IOException e) {
            if (health != null) {
                String where;
                try {
                    where = "moved to " + quarantine(info.id);
                } catch (IOException move) {
                    where = "not moved: " + move.getMessage();
                }
                health.damaged("checkpoint " + info.id + ": its state is unreadable (" + e.getMessage() + "); its files " + where);
            }
            throw e;
        }
    }

    /** The ConfigAdmin configurations saved with a checkpoint, by PID. */
    @SuppressWarnings("unchecked")
    synchronized Map<String, Map<String, Object>> configurations(CheckpointInfo info) throws IOException {
        Object configurations = stateFile(info).get("configurations");
        return configurations == null ? Map.of() : (Map<String, Map<String, Object>>) configurations;
    }

    /** The snapshots of a checkpoint, by service identity. */
    @SuppressWarnings("unchecked")
    synchronized Map<String, Snapshot> snapshots(CheckpointInfo info) throws IOException {
        Map<String, Snapshot> snapshots = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) stateFile(info).get("snapshots")).entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) e.getValue();
            Snapshot snapshot = new Snapshot();
            snapshot.type = (String) s.get("type");
            snapshot.version = SchemaVersion.parse(s.get("version"), "version", "snapshot " + e.getKey() + " of " + info.id);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) s.get("data");
            snapshot.data = data;
            snapshots.put(e.getKey(), snapshot);
        }
        return snapshots;
    }

    /** Drops checkpoints beyond the newest {@code retain} and jars nobody needs any more. */
    synchronized void prune(Set<String> runningDigests) throws IOException {
        List<Long> numbers = numbers();
        Set<String> keep = new HashSet<>(runningDigests);
        for (int i = 0; i < numbers.size(); i++) {
            String id = "cp-" + numbers.get(i);
            if (i < retain) {
                try {
                    read(id).bundles.forEach(b -> keep.add(b.sha256));
                } catch (IOException e) {
                    report("Checkpoint " + id + " is unreadable while pruning: " + e.getMessage());
                }
            } else {
                cache.remove(id);
                Files.deleteIfExists(dir.resolve(id + ".json"));
                Files.deleteIfExists(dir.resolve(id + ".state"));
                LOG.info("Checkpoint {} dropped (retention {})", id, retain);
            }
        }
        if (Files.isDirectory(pins)) {
            try (Stream<Path> jars = Files.list(pins)) {
                for (Path jar : (Iterable<Path>) jars::iterator) {
                    String name = jar.getFileName().toString();
                    if (name.endsWith(".jar") && !keep.contains(name.substring(0, name.length() - 4))) {
                        Files.delete(jar);
                    }
                }
            }
        }
    }

    /** Checkpoint numbers on disk, newest first. */
    private List<Long> numbers() {
        List<Long> numbers = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return numbers;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    numbers.add(Long.parseLong(m.group(1)));
                }
            });
        } catch (IOException e) {
            report("Checkpoint folder " + dir + " cannot be listed: " + e.getMessage());
        }
        numbers.sort((a, b) -> Long.compare(b, a));
        return numbers;
    }

    private long newest() {
        List<Long> numbers = numbers();
        return numbers.isEmpty() ? 0 : numbers.get(0);
    }

    private void report(String problem) {
        LOG.error(problem);
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }
}
