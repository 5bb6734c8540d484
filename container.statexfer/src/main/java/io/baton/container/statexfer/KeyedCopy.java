package io.baton.container.statexfer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One keyed state's copy from an old object to a new one, in two steps: {@link #precopy} while the
 * old object serves, {@link #finish} in the pause. Not thread-safe: driven by one swap thread.
 *
 * @since 1.2
 */
@ProviderType
public interface KeyedCopy {

    /**
     * Copies and migrates every entry into the new object, then again the entries changed meanwhile,
     * round after round, until a round finds at most {@code dirtyLimit} changed keys or
     * {@code maxRounds} rounds ran. The old object keeps serving throughout.
     *
     * @throws StateTransferException naming the key and the step if an entry is not plain data or a
     *     migrator fails; the new object is then unusable (the swap aborts)
     */
    void precopy(int maxRounds, int dirtyLimit) throws StateTransferException;

    /**
     * In the pause (the old object drained): moves the entries changed since the last round, then
     * verifies the copy: the old object's {@link KeyedState#checksum()} must equal the sum over what
     * was copied.
     *
     * @throws StateTransferException if a move fails, or if the checksums differ: the old object's
     *     change report missed a write (the message says how many entries were checked)
     */
    void finish() throws StateTransferException;

    /** @return entries copied so far, all rounds and the pause counted */
    long entriesCopied();

    /** @return pre-copy rounds run */
    int rounds();

    /** @return entries moved in the pause by {@link #finish()} */
    int entriesInPause();

    /** @return the plain-data size of the old object's entries (keys and values) as last copied, in bytes */
    long bytes();
}
