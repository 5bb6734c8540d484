package io.baton.container.web.internal.api;

/** A request the API refuses: the HTTP status to answer and a message naming the input and what was expected. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }
}
