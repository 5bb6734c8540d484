package io.baton.container.core;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of each phase of a swap as it completes, on the swapping thread. Some phases run while calls
 * are held at the gates, so an implementation must return at once (print a line, no I/O that waits).
 */
@ConsumerType
@FunctionalInterface
public interface SwapProgress {
    /**
     * @param phase the phase that just ended
     * @param micros how long it took
     * @param failure why it failed, or null
     */
    void phaseDone(SwapPhase phase, long micros, String failure);
}
