package io.baton.container.shell.internal;

/** Durations as operators type them: {@code 30s}, {@code 500ms}, {@code 2m}, or plain milliseconds. */
public final class Durations {
    private Durations() {}

    /**
     * @return milliseconds
     * @throws IllegalArgumentException naming the option and the expected form
     */
    public static long millis(String option, String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return check(option, text, Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return check(option, text, Long.parseLong(t.substring(0, t.length() - 1)) * 1000);
            }
            if (t.endsWith("m")) {
                return check(option, text, Long.parseLong(t.substring(0, t.length() - 1)) * 60_000);
            }
            return check(option, text, Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + text + ": expected a duration like 30s, 500ms or 2m");
        }
    }

    private static long check(String option, String text, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException(option + " " + text + ": a duration cannot be negative");
        }
        return millis;
    }
}
