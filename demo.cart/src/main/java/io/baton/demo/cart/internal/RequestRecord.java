package io.baton.demo.cart.internal;

/**
 * One HTTP request of the load: when it started (nanoseconds since the demo began), how long it took,
 * what it was and how it ended ({@code status} is the HTTP status, or 0 for an I/O error or timeout).
 */
record RequestRecord(long startNanos, long latencyNanos, Op op, int status, int client) {
    enum Op { ADD, READ, CHECK }

    long endNanos() {
        return startNanos + latencyNanos;
    }

    /** A 200, or the 404 of a read of a cart the client has not filled yet (checked by the client). */
    boolean ok() {
        return status == 200 || status == 404 && op != Op.ADD;
    }
}
