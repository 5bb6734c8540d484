package io.baton.example.cart.api;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Shopping carts, each a set of lines (sku, quantity). Thread-safe in every implementation.
 */
@ProviderType
public interface CartService {

    /**
     * Adds {@code qty} units of {@code sku} to cart {@code cartId}, creating the cart if needed.
     *
     * @return the cart's quantity of {@code sku} after the add
     * @throws IllegalArgumentException if an id is blank or {@code qty < 1}
     */
    int add(String cartId, String sku, int qty);

    /**
     * Removes up to {@code qty} units of {@code sku} from the cart.
     *
     * @return the quantity left
     * @throws IllegalArgumentException if an id is blank or {@code qty < 1}
     */
    int remove(String cartId, String sku, int qty);

    /** @return the cart's lines as sku to quantity in sku order; empty for an unknown cart */
    Map<String, Integer> lines(String cartId);

    /** @return every cart id that has at least one line, sorted */
    List<String> carts();
}
