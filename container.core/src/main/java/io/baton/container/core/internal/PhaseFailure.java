package io.baton.container.core.internal;

import io.baton.container.core.SwapPhase;

/** A phase of a swap failed; the message says why, naming the bundle, service or state concerned. */
final class PhaseFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final SwapPhase phase;

    PhaseFailure(SwapPhase phase, String message) {
        super(message);
        this.phase = phase;
    }

    PhaseFailure(SwapPhase phase, String message, Throwable cause) {
        super(message, cause);
        this.phase = phase;
    }
}
