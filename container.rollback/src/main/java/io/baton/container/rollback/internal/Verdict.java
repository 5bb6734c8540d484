package io.baton.container.rollback.internal;

/** A detector that fired, and what it saw. */
final class Verdict {
    final String detector;
    final String evidence;
    final long detectedAt = System.nanoTime();
    /** When the call that led to this verdict was signalled ({@link System#nanoTime()}), or 0 for a poll. */
    long signalledAt;

    Verdict(String detector, String evidence) {
        this.detector = detector;
        this.evidence = evidence;
    }

    @Override
    public String toString() {
        return detector + ": " + evidence;
    }
}
