package io.baton.example.cart.web.internal;

/** A request the front refuses, with the HTTP status to answer and a message naming what was wrong. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
        super(message);
        this.status = status;
    }

    static BadRequest of(String message) {
        return new BadRequest(400, message);
    }
}
