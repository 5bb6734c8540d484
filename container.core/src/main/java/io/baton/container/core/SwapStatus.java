package io.baton.container.core;

/** Outcome of a plan or swap. */
public enum SwapStatus {
    /** A plan that a swap would carry out. */
    PLANNED,
    /** Refused in VALIDATE (plan or swap): nothing in the framework changed. */
    REFUSED,
    /** Aborted in STAGE, QUIESCE or TRANSFER: the container is back exactly as before. */
    ABORTED,
    /** The new versions serve. */
    SWAPPED
}
