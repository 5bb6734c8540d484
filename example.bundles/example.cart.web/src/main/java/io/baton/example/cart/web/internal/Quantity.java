package io.baton.example.cart.web.internal;

/** A quantity from a request: a whole number of at least 1. */
final class Quantity {
    private Quantity() {}

    /**
     * @param name the field or parameter, for the error
     * @param value its text, or null for {@code absent}
     * @throws BadRequest naming {@code name} if the value is not a whole number >= 1
     */
    static int parse(String name, String value, int absent) {
        if (value == null) {
            return absent;
        }
        int qty;
        try {
            qty = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw BadRequest.of("'" + name + "' must be a whole number of at least 1, was '" + value + "'");
        }
        return check(name, qty);
    }

    static int check(String name, long qty) {
        if (qty < 1 || qty > Integer.MAX_VALUE) {
            throw BadRequest.of("'" + name + "' must be a whole number of at least 1, was " + qty);
        }
        return (int) qty;
    }
}
