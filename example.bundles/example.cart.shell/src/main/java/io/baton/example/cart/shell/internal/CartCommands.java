package io.baton.example.cart.shell.internal;

import io.baton.example.cart.api.CartService;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code cart:add} and {@code cart:show}: a hand on the cart for demos. The reference is static and
 * mandatory, so during a swap this component is simply re-activated with the new cart version; it
 * keeps no state of its own.
 */
@Component(
        service = CartCommands.class,
        property = {"osgi.command.scope=cart", "osgi.command.function=add", "osgi.command.function=show"})
public final class CartCommands {
    private final CartService carts;

    @Activate
    public CartCommands(@Reference CartService carts) {
        this.carts = carts;
    }

    @Descriptor("add one unit of a sku to a cart; prints the cart's new quantity of it")
    public String add(@Descriptor("cart id") String cart, @Descriptor("sku") String sku) {
        return add(cart, sku, 1);
    }

    @Descriptor("add units of a sku to a cart; prints the cart's new quantity of it")
    public String add(@Descriptor("cart id") String cart, @Descriptor("sku") String sku,
            @Descriptor("how many units, at least 1") int qty) {
        return cart + ": " + sku + " x" + carts.add(cart, sku, qty);
    }

    @Descriptor("show a cart's lines: sku and quantity")
    public String show(@Descriptor("cart id") String cart) {
        return format(cart, carts.lines(cart));
    }

    /** @return the lines as a table (SKU, QTY; quantities right-aligned), or that the cart is empty */
    static String format(String cart, Map<String, Integer> lines) {
        if (lines.isEmpty()) {
            return "cart " + cart + " is empty";
        }
        int skuWidth = "SKU".length();
        int qtyWidth = "QTY".length();
        for (Map.Entry<String, Integer> line : lines.entrySet()) {
            skuWidth = Math.max(skuWidth, line.getKey().length());
            qtyWidth = Math.max(qtyWidth, String.valueOf(line.getValue()).length());
        }
        String row = "%-" + skuWidth + "s  %" + qtyWidth + "s";
        StringBuilder out = new StringBuilder();
        out.append(String.format(row, "SKU", "QTY"));
        out.append('\n').append(String.format(row, "-".repeat(skuWidth), "-".repeat(qtyWidth)));
        lines.forEach((sku, qty) -> out.append('\n').append(String.format(row, sku, qty)));
        return out.toString();
    }
}
