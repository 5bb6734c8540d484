package io.baton.container.statexfer;

/** State could not be captured or migrated; the message names the state type, versions and cause. */
public class StateTransferException extends Exception {
    private static final long serialVersionUID = 1L;

    public StateTransferException(String message) {
        super(message);
    }

    public StateTransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
