package io.baton.container.core.spi;

import java.lang.reflect.InvocationTargetException;

/**
 * One-line causes for reports, records and command errors: the whole stack trace goes to the log,
 * what a person or a script reads is one line that names the root cause.
 */
public final class Failures {
    private Failures() {}

    /** @return the deepest cause of {@code t} as {@code SimpleName: message}, one line */
    public static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getName() + (message == null ? "" : ": " + firstLine(message));
    }

    /** @return {@code t} itself, or what it wraps if it is only a reflective wrapper */
    public static Throwable unwrap(Throwable t) {
        Throwable u = t;
        while (u instanceof InvocationTargetException && u.getCause() != null) {
            u = u.getCause();
        }
        return u;
    }

    /**
     * @return the line of a multi-line text that says what went wrong: the last {@code Caused by:}
     *     of a printed stack trace, else its first line (with surrounding blanks removed)
     */
    public static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        String cause = null;
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("Caused by: ")) {
                cause = l.substring("Caused by: ".length());
            }
        }
        if (cause != null) {
            return cause;
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
