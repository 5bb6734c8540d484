package io.baton.container.core.internal;

import io.baton.container.core.SwapPhase;

/**
 * One step of a swap. {@link #run} does the step on the swap's {@link SwapContext}; {@link #undo}
 * takes back what {@code run} did, also when {@code run} failed half-way (so it must look at what is
 * actually there, and never throw). Phases after the point of no return are never undone.
 */
interface Phase {
    /** @return which phase this is, for reports, logs and events */
    SwapPhase id();

    /** @throws PhaseFailure naming the cause: the swap is refused (VALIDATE) or aborted and undone */
    void run(SwapContext swap) throws PhaseFailure;

    /** Takes back what {@link #run} did on this swap; logs, never throws. */
    default void undo(SwapContext swap) {}
}
