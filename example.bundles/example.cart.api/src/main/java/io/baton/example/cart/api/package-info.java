/** The example cart application's stable API. Implementations import {@code [1.0,1.1)}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.baton.example.cart.api;
