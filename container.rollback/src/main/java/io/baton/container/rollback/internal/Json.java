package io.baton.container.rollback.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The store's JSON mapper: DTOs with public fields, pretty-printed so operators can read the files. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    /**
     * Exercises the mapper on the store's types once, at activation: the first use costs hundreds of
     * milliseconds of class loading, which must not land inside a swap's pause or a rollback.
     */
    static void warmUp() {
        try {
            io.baton.container.rollback.CheckpointInfo info = new io.baton.container.rollback.CheckpointInfo();
            info.bundles.add(new io.baton.container.rollback.CheckpointInfo.BundleEntry());
            info.snapshots.add(new io.baton.container.rollback.CheckpointInfo.SnapshotEntry());
            MAPPER.readValue(MAPPER.writeValueAsBytes(info), io.baton.container.rollback.CheckpointInfo.class);
            Journal.Content content = new Journal.Content();
            content.records.add(new io.baton.container.rollback.SwapRecord());
            MAPPER.readValue(MAPPER.writeValueAsBytes(content), Journal.Content.class);
            PlainSerializer.read(PlainSerializer.write(new java.util.LinkedHashMap<>(java.util.Map.of("k", java.util.List.of(1, 2L, "s")))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("JSON mapper unusable", e);
        }
        Thread jit = new Thread(Json::compileStatePath, "baton-warmup");
        jit.setDaemon(true);
        jit.setPriority(Thread.MIN_PRIORITY);
        jit.start();
    }

    /**
     * Serializes and digests synthetic state until the JIT has compiled that path, in the background:
     * the first checkpoint of a fresh JVM is written inside a swap's pause.
     */
    private static void compileStatePath() {
        // neutral synthetic data of the usual shape: a list of small records of strings and numbers
        java.util.List<Object> records = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            records.add(new java.util.LinkedHashMap<>(java.util.Map.of("key", "k" + (i % 50), "name", "n" + (i % 7), "count", i)));
        }
        java.util.Map<String, Object> state = new java.util.LinkedHashMap<>(java.util.Map.of("records", records));
        try {
            for (int round = 0; round < 20; round++) {
                AtomicFiles.sha256(PlainSerializer.write(state));
            }
        } catch (java.io.IOException e) {
            // a warm-up only: the real write reports its own errors
        }
    }
}
