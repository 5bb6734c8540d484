package io.baton.container.core;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * For service objects with threads of their own (timers, accept loops): Baton calls {@link #suspend()}
 * on the old object before exporting its state and on the new object before importing it, and
 * {@link #resume()} on whichever object serves afterwards (the new one, or the old one if the swap
 * aborts). Calls through the facade are held by Baton's gate; this is for everything else.
 */
@ConsumerType
public interface Quiescable {
    /** Stop mutating state and return once stopped. */
    void suspend();

    /** Carry on. */
    void resume();
}
