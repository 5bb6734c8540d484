package io.baton.example.cart.impl.internal;

import io.baton.container.statexfer.Stateful;
import io.baton.example.cart.api.CartService;
import io.baton.example.cart.state.internal.TimedCarts;
import org.osgi.service.component.annotations.Component;

/**
 * Cart 3.0.0: cart lines also remember when they last changed (state schema 3). The store is
 * {@link TimedCarts}, shared with the faulty 3.1.0; this class only declares the service. The bundle
 * ships every migrator (1 <-> 2 <-> 3), so 1.0.0 -> 3.0.0 is one swap.
 */
@Component(service = CartService.class, property = {"baton.service.identity=cart", Stateful.STATE_TYPE + "=cart", Stateful.STATE_VERSION + ":Integer=3"})
public final class TimedCartService extends TimedCarts {
}
