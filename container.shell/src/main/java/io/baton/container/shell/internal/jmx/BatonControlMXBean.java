package io.baton.container.shell.internal.jmx;

/**
 * Baton in JConsole or VisualVM: {@code io.baton:type=Container,framework=<uuid>}. Results of the
 * operations are the same JSON the shell's {@code --json} prints.
 */
public interface BatonControlMXBean {
    /** @return {@code symbolicName version} of each managed bundle */
    String[] getManagedBundles();

    /** @return the swap in TRIAL as {@code swap-id: targets}, or {@code none} */
    String getTrial();

    /** @return the id of the newest checkpoint, or {@code none} */
    String getLastCheckpoint();

    /** The dry run; JSON report. */
    String plan(String[] targets);

    /** A swap with a probation (milliseconds, negative for the configured one); JSON report. */
    String swap(String[] targets, long probationMillis);

    /** Commits the swap in TRIAL; JSON record. */
    String commit();

    /** Rolls the swap in TRIAL back; JSON record. */
    String rollback();

    /** The newest {@code n} history records; JSON. */
    String history(int n);
}
