package io.baton.bench.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The benchmark's stateful service: a blob of N bytes (immutable once filled) and a write counter that
 * every {@link #touch()} increments. Both versions of the blob bundle implement it; Baton carries the
 * blob and the counter across swaps. Thread-safe.
 */
@ProviderType
public interface BlobService {

    /** Does nothing: the empty method of the facade overhead benchmark. */
    void ping();

    /**
     * A fixed amount of CPU work (a xorshift chain of {@code rounds} steps), about 1 ns a round on a
     * current x86 core: the "1 us" method of the facade overhead benchmark.
     *
     * @return the chain's result, so that the work cannot be optimised away
     */
    long work(int rounds);

    /**
     * One write: increments the write counter.
     *
     * @return the counter after the increment
     * @throws IllegalStateException if this object was deactivated (a stale reference), or if the
     *     bundle is the faulty variant (header {@code Bench-Fault: throw})
     */
    long touch();

    /** @return the write counter */
    long writes();

    /** @return the major version of the bundle that serves this object */
    int version();

    /** @return bytes in the blob */
    long stateBytes();

    /** @return CRC-32 of the blob's bytes, in order */
    long fingerprint();

    /**
     * Replaces the blob with {@code bytes} pseudo-random bytes generated from {@code seed} and resets
     * the write counter.
     */
    void fill(long bytes, long seed);
}
