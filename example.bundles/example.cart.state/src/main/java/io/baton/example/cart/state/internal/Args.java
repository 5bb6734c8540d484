package io.baton.example.cart.state.internal;

/**
 * The argument checks of {@code CartService}, in one place so every implementation version rejects
 * the same calls with the same messages (a caller must not notice a swap).
 */
public final class Args {
    private Args() {}

    /**
     * Checks the arguments of {@code add} and {@code remove}.
     *
     * @throws IllegalArgumentException naming the first bad argument
     */
    public static void check(String cartId, String sku, int qty) {
        requireId("cartId", cartId);
        requireId("sku", sku);
        if (qty < 1) {
            throw new IllegalArgumentException("qty must be at least 1, was " + qty);
        }
    }

    /** @throws IllegalArgumentException if {@code value} is null or blank, naming the argument */
    public static String requireId(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    /**
     * {@code have + qty}, refused rather than wrapped around to a negative quantity.
     *
     * @throws IllegalArgumentException if the sum exceeds {@link Integer#MAX_VALUE}
     */
    public static int plus(int have, int qty, String cartId, String sku) {
        try {
            return Math.addExact(have, qty);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("qty " + qty + " would take " + sku + " in cart " + cartId
                    + " past " + Integer.MAX_VALUE + " (it has " + have + ")", e);
        }
    }
}
