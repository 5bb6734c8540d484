package io.baton.example.cart.shell.internal;

import static org.junit.Assert.assertEquals;

import io.baton.example.cart.api.CartService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

public class CartCommandsTest {
    /** Just enough of a cart for the commands. */
    private static final class FakeCarts implements CartService {
        final TreeMap<String, Integer> lines = new TreeMap<>();

        @Override
        public int add(String cartId, String sku, int qty) {
            return lines.merge(sku, qty, Integer::sum);
        }

        @Override
        public int remove(String cartId, String sku, int qty) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Integer> lines(String cartId) {
            return "c1".equals(cartId) ? new TreeMap<>(lines) : new TreeMap<>();
        }

        @Override
        public List<String> carts() {
            return new ArrayList<>(List.of("c1"));
        }
    }

    private final CartCommands commands = new CartCommands(new FakeCarts());

    @Test
    public void addPrintsTheNewQuantity() {
        assertEquals("c1: a x1", commands.add("c1", "a"));
        assertEquals("c1: a x3", commands.add("c1", "a", 2));
    }

    @Test
    public void showPrintsAnAlignedTable() {
        commands.add("c1", "apple", 3);
        commands.add("c1", "b", 1200);
        assertEquals("SKU     QTY\n"
                + "-----  ----\n"
                + "apple     3\n"
                + "b      1200", commands.show("c1"));
    }

    @Test
    public void showSaysWhenACartIsEmpty() {
        assertEquals("cart c9 is empty", commands.show("c9"));
    }
}
