package io.baton.example.cart.web.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/** The body of {@code POST /carts/{id}/items}: {@code {"sku": "a", "qty": 2}} ({@code qty} defaults to 1). */
record AddItem(String sku, int qty) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPECTED = "expected a JSON object {\"sku\": \"<sku>\", \"qty\": <whole number >= 1>}";

    /** @throws BadRequest (400) naming what is wrong with the body */
    static AddItem parse(InputStream body) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw BadRequest.of("malformed JSON body: " + e.getOriginalMessage() + "; " + EXPECTED);
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw BadRequest.of("the body is " + (node == null || node.isMissingNode() ? "empty" : "a JSON " + node.getNodeType().name().toLowerCase()) + "; " + EXPECTED);
        }
        JsonNode sku = node.get("sku");
        if (sku == null || !sku.isTextual() || sku.asText().isBlank()) {
            throw BadRequest.of("'sku' must be a non-blank string, was " + sku + "; " + EXPECTED);
        }
        JsonNode qty = node.get("qty");
        if (qty == null) {
            return new AddItem(sku.asText(), 1);
        }
        if (!qty.canConvertToLong() || !qty.isIntegralNumber()) {
            throw BadRequest.of("'qty' must be a whole number of at least 1, was " + qty);
        }
        return new AddItem(sku.asText(), Quantity.check("qty", qty.asLong()));
    }
}
