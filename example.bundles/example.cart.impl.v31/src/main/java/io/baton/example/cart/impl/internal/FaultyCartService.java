package io.baton.example.cart.impl.internal;

import io.baton.container.statexfer.Stateful;
import io.baton.example.cart.api.CartService;
import io.baton.example.cart.state.internal.TimedCarts;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Cart 3.1.0: the bad release. Same store and schema as 3.0.0 ({@link TimedCarts}, schema 3), but
 * {@code add} fails on a share of calls, so that Baton's failure monitor sees errors under traffic
 * and rolls back. Reads ({@code lines}, {@code carts}) and {@code remove} never fail, and a failed add
 * changes nothing.
 */
@Component(service = CartService.class, property = {"baton.service.identity=cart", Stateful.STATE_TYPE + "=cart", Stateful.STATE_VERSION + ":Integer=3"})
public final class FaultyCartService extends TimedCarts {
    private final FaultPlan faults;

    /**
     * @param context gives the fault rate, the framework (or system) property
     *     {@value FaultPlan#RATE_PROPERTY}, read once per activation
     * @throws IllegalArgumentException if the rate is not a number from 0 to 1
     */
    @Activate
    public FaultyCartService(BundleContext context) {
        this(FaultPlan.parse(context.getProperty(FaultPlan.RATE_PROPERTY)));
    }

    FaultyCartService(FaultPlan faults) {
        this.faults = faults;
    }

    /** @throws IllegalStateException {@code "cart 3.1.0 fault ..."} on the planned share of calls */
    @Override
    public int add(String cartId, String sku, int qty) {
        faults.next();
        return super.add(cartId, sku, qty);
    }
}
