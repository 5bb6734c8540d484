package io.baton.container.core.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The target jars of a request, read before the swap lock is taken: reading (and checking every entry
 * of) a jar from disk or a URL is the slow part of VALIDATE and the one a hostile jar can stretch, so it
 * must not keep other swaps, deploys or a rollback waiting. A read that failed keeps its error for
 * VALIDATE to report, so the refusal is journaled like any other. {@code bundle:<id>} targets are left
 * to VALIDATE: they name the framework's state, which only the lock holder may read.
 */
final class TargetReads {
    static final TargetReads NONE = new TargetReads(Map.of());

    private final Map<String, Object> bySource;

    private TargetReads(Map<String, Object> bySource) {
        this.bySource = bySource;
    }

    static TargetReads of(List<String> sources) {
        Map<String, Object> read = new HashMap<>();
        if (sources != null) {
            for (String source : sources) {
                if (source == null || source.startsWith(TargetJar.BUNDLE_PREFIX) || read.containsKey(source)) {
                    continue;
                }
                try {
                    read.put(source, TargetJar.read(source));
                } catch (IllegalArgumentException e) {
                    read.put(source, e);
                }
            }
        }
        return new TargetReads(read);
    }

    /**
     * @return the jar read beforehand, or else read now
     * @throws IllegalArgumentException the read's error, naming the source
     */
    TargetJar get(String source) {
        Object read = bySource.get(source);
        if (read instanceof IllegalArgumentException) {
            throw (IllegalArgumentException) read;
        }
        return read == null ? TargetJar.read(source) : (TargetJar) read;
    }
}
