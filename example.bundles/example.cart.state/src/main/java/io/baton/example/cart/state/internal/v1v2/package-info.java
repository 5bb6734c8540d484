/**
 * The cart migrators between schemas 1 and 2, embedded (bnd {@code -includepackage}) by every cart
 * bundle from 2.0.0 on.
 */
package io.baton.example.cart.state.internal.v1v2;
