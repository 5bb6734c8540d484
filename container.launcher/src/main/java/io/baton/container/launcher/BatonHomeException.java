package io.baton.container.launcher;

/**
 * The container home cannot be used: it is a file, cannot be created or written, or another Baton
 * holds it. Nothing in the home was changed.
 */
public class BatonHomeException extends BatonException {
    private static final long serialVersionUID = 1L;

    public BatonHomeException(String message) {
        super(message);
    }

    public BatonHomeException(String message, Throwable cause) {
        super(message, cause);
    }
}
