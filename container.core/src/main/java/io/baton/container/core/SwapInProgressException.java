package io.baton.container.core;

/** A swap was asked for while another one runs: Baton swaps one at a time. Nothing was changed. */
public class SwapInProgressException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SwapInProgressException(String message) {
        super(message);
    }
}
