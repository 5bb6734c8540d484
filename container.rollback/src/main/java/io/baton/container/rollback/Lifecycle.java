package io.baton.container.rollback;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Probation, commit and rollback of swaps, and their history. Thread-safe.
 */
@ProviderType
public interface Lifecycle {

    /** @return the open swap: in TRIAL, or ROLLBACK_FAILED (waiting for an operator); null if none */
    SwapRecord trial();

    /**
     * Makes the swap in TRIAL permanent: the old bundles are uninstalled.
     *
     * @throws IllegalStateException if nothing is in TRIAL
     */
    SwapRecord commit();

    /**
     * Rolls the swap in TRIAL back to its checkpoint.
     *
     * @return the rollback record (state DONE, or FAILED with the cause: the current set stays)
     * @throws IllegalStateException if nothing is in TRIAL
     */
    SwapRecord rollback();

    /**
     * Rolls back to any retained checkpoint.
     *
     * @throws IllegalArgumentException for an unknown id, naming the known ones
     */
    SwapRecord rollbackTo(String checkpointId);

    /**
     * Rolls back to any retained checkpoint, allowing the swap back to refresh consumers when it changes
     * the class space of an exported package (as {@code SwapRequest.allowRefresh} does for a swap).
     *
     * @throws IllegalArgumentException for an unknown id, naming the known ones
     */
    SwapRecord rollbackTo(String checkpointId, boolean allowRefresh);

    /** @return the newest {@code max} records, newest first */
    List<SwapRecord> history(int max);

    /** @return the retained checkpoints, newest first */
    List<CheckpointInfo> checkpoints();

    /**
     * @return damage found in the store at start (files that could not be read, a crash recovery that
     *     could not be completed): while not empty the subsystem is DEGRADED and refuses new swaps
     *     (rollbacks go on) until an operator acknowledges it
     */
    List<String> degraded();

    /**
     * The operator has read {@link #degraded()} and accepts the store as it is: swaps are allowed again.
     *
     * @return what was acknowledged
     */
    List<String> acknowledgeDamage();

    /** @return problems found reading the store (corrupt or torn files and what was used instead) */
    List<String> storeProblems();

    /**
     * @return what each detector of the swap in TRIAL saw at its latest check, against its limit (one
     *     reading per operation for the error rate, per service for latency, per new bundle for its
     *     state); empty when nothing is in TRIAL
     */
    List<DetectorReading> readings();
}
