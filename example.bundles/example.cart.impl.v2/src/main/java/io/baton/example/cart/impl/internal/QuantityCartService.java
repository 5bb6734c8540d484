package io.baton.example.cart.impl.internal;

import io.baton.container.statexfer.Stateful;
import io.baton.example.cart.api.CartService;
import io.baton.example.cart.state.internal.QuantityCarts;
import org.osgi.service.component.annotations.Component;

/**
 * Cart 2.0.0: keeps a quantity per cart line instead of an entry per unit (state schema 2). The
 * store is {@link QuantityCarts}, shared with the test fixture; this class only declares the service.
 * The bundle also ships the 1 -> 2 and 2 -> 1 migrators.
 */
@Component(service = CartService.class, property = {"baton.service.identity=cart", Stateful.STATE_TYPE + "=cart", Stateful.STATE_VERSION + ":Integer=2"})
public final class QuantityCartService extends QuantityCarts {
}
