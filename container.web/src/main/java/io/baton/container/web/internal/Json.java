package io.baton.container.web.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON answers: values as Jackson writes them, and errors always as {@code {"error": ..., "status": ...}}
 * (never a stack trace).
 */
public final class Json {
    /** Shared, thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final String TYPE = "application/json;charset=utf-8";

    private Json() {}

    public static void write(HttpServletResponse response, int status, Object value) throws IOException {
        response.setStatus(status);
        response.setContentType(TYPE);
        response.setHeader("Cache-Control", "no-store");
        MAPPER.writeValue(response.getOutputStream(), value);
    }

    public static void error(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, error(status, message));
    }

    /** @return the body of an error answer */
    public static Map<String, Object> error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        return body;
    }
}
