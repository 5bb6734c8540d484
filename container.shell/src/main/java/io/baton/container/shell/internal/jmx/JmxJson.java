package io.baton.container.shell.internal.jmx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON for JMX results (compact, unlike the shell's). */
final class JmxJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JmxJson() {}

    static String of(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }
}
