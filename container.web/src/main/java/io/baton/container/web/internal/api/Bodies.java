package io.baton.container.web.internal.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.baton.container.core.SwapRequest;
import io.baton.container.web.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON bodies of the API's POSTs, checked field by field; anything else is an {@link ApiError} 400
 * naming the field, what it was and what was expected:
 *
 * <pre>
 * plan      {"targets": ["/path/new.jar" | "bundle:12" | "https://..."], "allowRefresh": false}
 * swap      {"targets": [...], "allowRefresh": false, "probationMillis": 30000, "maxPauseMillis": 2000}
 * rollback  {} or {"checkpoint": "cp-3", "allowRefresh": false}      (an empty body too)
 * </pre>
 */
final class Bodies {
    static final String PLAN = "{\"targets\": [\"<jar path or URL, or bundle:<id>>\", ...], \"allowRefresh\": <boolean>}";
    static final String SWAP = "{\"targets\": [...], \"allowRefresh\": <boolean>, \"probationMillis\": <whole number >= 0>, \"maxPauseMillis\": <whole number >= 1>}";
    static final String ROLLBACK = "{} or {\"checkpoint\": \"cp-<n>\", \"allowRefresh\": <boolean>}";

    /** A rollback: of the swap in TRIAL ({@code checkpoint} null), or to a retained checkpoint. */
    record Rollback(String checkpoint, boolean allowRefresh) {}

    private Bodies() {}

    static SwapRequest plan(InputStream body) throws IOException {
        JsonNode node = object(body, PLAN, false, Set.of("targets", "allowRefresh"));
        SwapRequest request = new SwapRequest();
        request.targets = targets(node, PLAN);
        request.allowRefresh = bool(node, "allowRefresh", PLAN);
        return request;
    }

    static SwapRequest swap(InputStream body) throws IOException {
        JsonNode node = object(body, SWAP, false, Set.of("targets", "allowRefresh", "probationMillis", "maxPauseMillis"));
        SwapRequest request = new SwapRequest();
        request.targets = targets(node, SWAP);
        request.allowRefresh = bool(node, "allowRefresh", SWAP);
        if (node.has("probationMillis")) {
            request.probationMillis = whole(node, "probationMillis", 0, SWAP);
        }
        if (node.has("maxPauseMillis")) {
            request.maxPauseMillis = whole(node, "maxPauseMillis", 1, SWAP);
        }
        return request;
    }

    static Rollback rollback(InputStream body) throws IOException {
        JsonNode node = object(body, ROLLBACK, true, Set.of("checkpoint", "allowRefresh"));
        boolean allowRefresh = bool(node, "allowRefresh", ROLLBACK);
        JsonNode checkpoint = node.get("checkpoint");
        if (checkpoint == null || checkpoint.isNull()) {
            if (allowRefresh) {
                throw ApiError.badRequest("'allowRefresh' needs a 'checkpoint': the swap in TRIAL is rolled back as it was swapped; expected " + ROLLBACK);
            }
            return new Rollback(null, false);
        }
        if (!checkpoint.isTextual() || checkpoint.asText().isBlank()) {
            throw ApiError.badRequest("'checkpoint' must be a checkpoint id such as \"cp-3\", was " + checkpoint + "; expected " + ROLLBACK);
        }
        return new Rollback(checkpoint.asText(), allowRefresh);
    }

    private static JsonNode object(InputStream body, String expected, boolean emptyAllowed, Set<String> fields) throws IOException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiError.badRequest("malformed JSON body: " + e.getOriginalMessage() + "; expected " + expected);
        }
        if (node == null || node.isMissingNode()) {
            if (emptyAllowed) {
                return Json.MAPPER.createObjectNode();
            }
            throw ApiError.badRequest("the body is empty; expected " + expected);
        }
        if (!node.isObject()) {
            throw ApiError.badRequest("the body is a JSON " + node.getNodeType().name().toLowerCase() + "; expected " + expected);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiError.badRequest("unknown field '" + name + "'; expected " + expected);
            }
        }
        return node;
    }

    private static List<String> targets(JsonNode node, String expected) {
        JsonNode targets = node.get("targets");
        if (targets == null || !targets.isArray() || targets.isEmpty()) {
            throw ApiError.badRequest("'targets' must be a non-empty array of strings, was " + targets + "; expected " + expected);
        }
        List<String> list = new ArrayList<>();
        for (JsonNode t : targets) {
            if (!t.isTextual() || t.asText().isBlank()) {
                throw ApiError.badRequest("every target must be a non-blank string (a jar path or URL, or bundle:<id>), was " + t);
            }
            list.add(t.asText());
        }
        return list;
    }

    private static boolean bool(JsonNode node, String field, String expected) {
        JsonNode value = node.get(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiError.badRequest("'" + field + "' must be true or false, was " + value + "; expected " + expected);
        }
        return value.asBoolean();
    }

    private static long whole(JsonNode node, String field, long min, String expected) {
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min) {
            throw ApiError.badRequest("'" + field + "' must be a whole number of at least " + min + ", was " + value + "; expected " + expected);
        }
        return value.asLong();
    }
}
