/**
 * Cart state shared by the cart bundles: argument checks, schemas 1 to 3 (parse and format), the
 * stores of schemas 2 and 3, and the migrations as pure functions. Not a bundle: each cart bundle
 * copies this package in at build time (bnd {@code -includepackage}), so it is never shared at run
 * time and two versions never see each other's classes.
 */
package io.baton.example.cart.state.internal;
