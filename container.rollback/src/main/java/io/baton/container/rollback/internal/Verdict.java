package io.baton.container.rollback.internal;

/** A detector that fired, and what it saw. */
final class Verdict {
    final String detector;
    final String evidence;
    final long detectedAt = System.nanoTime();

    Verdict(String detector, String evidence) {
        this.detector = detector;
        this.evidence = evidence;
    }

    @Override
    public String toString() {
        return detector + ": " + evidence;
    }
}
