package io.baton.example.cart.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class RequestParsingTest {

    private static AddItem body(String json) throws IOException {
        return AddItem.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String refusal(String json) {
        BadRequest e = assertThrows(BadRequest.class, () -> body(json));
        assertEquals(400, e.status);
        return e.getMessage();
    }

    @Test
    public void aWellFormedBodyGivesSkuAndQuantityWhichDefaultsToOne() throws IOException {
        assertEquals(new AddItem("apple", 3), body("{\"sku\": \"apple\", \"qty\": 3}"));
        assertEquals(new AddItem("apple", 1), body("{\"sku\": \"apple\"}"));
    }

    @Test
    public void badBodiesAreRefusedNamingWhatIsWrong() {
        assertTrue(refusal("{\"sku\": ").startsWith("malformed JSON body"));
        assertTrue(refusal("").startsWith("the body is empty"));
        assertTrue(refusal("[1, 2]").startsWith("the body is a JSON array"));
        assertTrue(refusal("{\"qty\": 2}").startsWith("'sku' must be a non-blank string"));
        assertTrue(refusal("{\"sku\": \" \"}").startsWith("'sku' must be a non-blank string"));
        assertTrue(refusal("{\"sku\": \"a\", \"qty\": -2}").startsWith("'qty' must be a whole number of at least 1, was -2"));
        assertTrue(refusal("{\"sku\": \"a\", \"qty\": 0}").startsWith("'qty' must be a whole number of at least 1"));
        assertTrue(refusal("{\"sku\": \"a\", \"qty\": 1.5}").startsWith("'qty' must be a whole number"));
        assertTrue(refusal("{\"sku\": \"a\", \"qty\": \"2\"}").startsWith("'qty' must be a whole number"));
        assertTrue(refusal("{\"sku\": \"a\", \"qty\": 99999999999}").startsWith("'qty' must be a whole number"));
    }

    @Test
    public void pathsAreParsedAndUnknownOnesAre404() {
        assertEquals(CartPath.Kind.CARTS, CartPath.parse(null).kind());
        assertEquals(CartPath.Kind.CARTS, CartPath.parse("/").kind());
        CartPath cart = CartPath.parse("/c%201");
        assertEquals(CartPath.Kind.CART, cart.kind());
        assertEquals("c 1", cart.cart());
        assertNull(cart.sku());
        assertEquals(CartPath.Kind.ITEMS, CartPath.parse("/c1/items").kind());
        CartPath item = CartPath.parse("/c1/items/apple");
        assertEquals(CartPath.Kind.ITEM, item.kind());
        assertEquals("apple", item.sku());
        for (String bad : new String[] {"/c1/things", "//items", "/c1/items/", "/c1/items/a/b"}) {
            assertEquals(bad, 404, assertThrows(BadRequest.class, () -> CartPath.parse(bad)).status);
        }
    }

    @Test
    public void quantityParametersMustBeWholeNumbersOfAtLeastOne() {
        assertEquals(1, Quantity.parse("qty", null, 1));
        assertEquals(4, Quantity.parse("qty", " 4 ", 1));
        assertEquals(400, assertThrows(BadRequest.class, () -> Quantity.parse("qty", "x", 1)).status);
        assertEquals(400, assertThrows(BadRequest.class, () -> Quantity.parse("qty", "-1", 1)).status);
    }
}
