package io.baton.example.cart.web.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The path below {@code /carts}, parsed: {@code ""} (all carts), {@code /{cart}}, {@code /{cart}/items},
 * {@code /{cart}/items/{sku}}. Segments are URL-decoded; anything else is a 404.
 */
record CartPath(Kind kind, String cart, String sku) {
    enum Kind { CARTS, CART, ITEMS, ITEM }

    /** @param pathInfo the servlet path info (null or "/" for the collection) */
    static CartPath parse(String pathInfo) {
        String p = pathInfo == null ? "" : pathInfo;
        if (p.isEmpty() || p.equals("/")) {
            return new CartPath(Kind.CARTS, null, null);
        }
        String[] s = p.substring(1).split("/", -1);
        if (s.length == 1 && !s[0].isEmpty()) {
            return new CartPath(Kind.CART, decode(s[0]), null);
        }
        if (s.length == 2 && !s[0].isEmpty() && s[1].equals("items")) {
            return new CartPath(Kind.ITEMS, decode(s[0]), null);
        }
        if (s.length == 3 && !s[0].isEmpty() && s[1].equals("items") && !s[2].isEmpty()) {
            return new CartPath(Kind.ITEM, decode(s[0]), decode(s[2]));
        }
        throw new BadRequest(404, "no such resource: /carts" + p
                + " (expected /carts, /carts/{id}, /carts/{id}/items or /carts/{id}/items/{sku})");
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }
}
