package io.baton.container.core.internal;

/**
 * The bookkeeping of managed bundles that the bundle activator sets up before anything else of Baton
 * runs, handed to the DS components as one service: the roles of the managed bundles, the hooks that
 * hide their services, the facades that stand in for them, and which bundles are the runtime.
 */
public final class ManagedServices {
    final BundleRoles roles;
    final ServiceHiding hiding;
    final Facades facades;
    final RuntimeBundles runtime;

    ManagedServices(BundleRoles roles, ServiceHiding hiding, Facades facades, RuntimeBundles runtime) {
        this.roles = roles;
        this.hiding = hiding;
        this.facades = facades;
        this.runtime = runtime;
    }
}
