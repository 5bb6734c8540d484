package io.baton.container.core.internal;

/**
 * A phase of a swap failed; the message says why, naming the bundle, service or state concerned. The
 * driver knows which phase was running and reports it.
 */
final class PhaseFailure extends Exception {
    private static final long serialVersionUID = 1L;

    PhaseFailure(String message) {
        super(message);
    }

    PhaseFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
