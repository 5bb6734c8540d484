package io.baton.example.cart.state.internal;

/**
 * The key of a cart line in the keyed view of cart state ({@code KeyedState}): the cart id's length,
 * a colon, the cart id, then the sku ({@code "2:c1a"} is sku {@code a} of cart {@code c1}). Ids may
 * hold any character, so the length, not a separator, tells where the cart id ends.
 */
public final class LineKey {
    private LineKey() {}

    public static String of(String cart, String sku) {
        return cart.length() + ":" + cart + sku;
    }

    /** @return {cart, sku} of a key */
    public static String[] parse(String key) {
        int colon = key == null ? -1 : key.indexOf(':');
        try {
            int length = Integer.parseInt(key.substring(0, colon));
            String cart = key.substring(colon + 1, colon + 1 + length);
            String sku = key.substring(colon + 1 + length);
            if (!cart.isBlank() && !sku.isBlank()) {
                return new String[] {cart, sku};
            }
        } catch (RuntimeException e) {
            // the message below names the key
        }
        throw new IllegalArgumentException("Cart line key '" + key + "' is malformed; expected <length of cart id>:<cart id><sku>");
    }
}
