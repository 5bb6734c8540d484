package io.baton.container.launcher;

/** A Gogo command failed; {@link #getMessage()} carries Gogo's error, {@link #output()} what it printed. */
public class CommandFailedException extends BatonException {
    private static final long serialVersionUID = 1L;
    private final String command;
    private final String output;

    public CommandFailedException(String command, String error, String output, Throwable cause) {
        super(error, cause);
        this.command = command;
        this.output = output;
    }

    /** @return the command as it was given */
    public String command() {
        return command;
    }

    /** @return what the command printed before it failed; empty if nothing */
    public String output() {
        return output;
    }
}
