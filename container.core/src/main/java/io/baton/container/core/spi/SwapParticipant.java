package io.baton.container.core.spi;

import io.baton.container.statexfer.Snapshot;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Takes part in every deploy and swap; container.rollback is one (checkpoints, probation). Called on
 * the swapping thread, one swap at a time. An exception before the point of no return aborts.
 */
@ConsumerType
public interface SwapParticipant {

    /**
     * A plan or swap is asked for (start of VALIDATE).
     *
     * @throws Exception to refuse it, with a message saying why (e.g. another swap is in TRIAL)
     */
    void admit(SwapTicket swap) throws Exception;

    /**
     * A jar is about to be installed by a deploy or staged by a swap.
     *
     * @throws Exception to refuse it (e.g. the jar cannot be pinned): nothing is installed
     */
    void installing(String symbolicName, String version, String source, byte[] content) throws Exception;

    /**
     * The staged versions are ready and the gates are about to close (end of STAGE). Do here whatever
     * does not need the exported state, so that the pause (QUIESCE to SWITCH) stays short.
     *
     * @throws Exception to abort the swap: the staged bundles are uninstalled, nothing else changed
     */
    void quiescing(SwapTicket swap) throws Exception;

    /**
     * The swap is about to pass its point of no return (end of TRANSFER, gates closed).
     *
     * @param exported the state snapshots exported from the old objects, by service identity
     * @throws Exception to abort the swap: the old version keeps serving
     */
    void prepare(SwapTicket swap, Map<String, Snapshot> exported) throws Exception;

    /** The swap completed (status SWAPPED); the new versions serve. */
    void swapped(SwapTicket swap);

    /**
     * The swap (not a plan) was REFUSED or ABORTED and everything it did was undone; the report says
     * the phase and the cause. Every attempt is worth a record.
     */
    void failed(SwapTicket swap);
}
