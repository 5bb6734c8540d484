package io.baton.fleet.agent;

/** A local command failed or answered something the agent cannot read; the message names the command. */
public class LocalNodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LocalNodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
