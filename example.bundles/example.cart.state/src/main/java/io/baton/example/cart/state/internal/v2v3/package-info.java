/**
 * The cart migrators between schemas 2 and 3, embedded (bnd {@code -includepackage}) by the cart
 * 3.x bundles, which also embed {@code v1v2} so that 1.0.0 -> 3.x is one swap.
 */
package io.baton.example.cart.state.internal.v2v3;
