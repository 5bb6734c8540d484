package io.baton.container.core.internal;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.hooks.service.FindHook;

/**
 * Registers the service hooks and the resolver hook before anything else of Baton runs: services of
 * managed bundles must be hidden, and the runtime kept from wiring to them, from the moment those
 * bundles are installed or start (at a higher start level), which DS cannot promise.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class Activator implements BundleActivator {
    private BundleRoles roles;
    private Facades facades;
    private ServiceScopes scopes;
    private ServiceRegistration<?> hooks;
    private ServiceRegistration<?> isolation;
    private ServiceRegistration<?> registration;

    @Override
    public void start(BundleContext context) {
        roles = new BundleRoles(context);
        ServiceHiding hiding = new ServiceHiding(context, roles);
        scopes = new ServiceScopes(context);
        scopes.open();
        facades = new Facades(context, roles, hiding, scopes);
        hooks = context.registerService(new String[] {FindHook.class.getName(), EventListenerHook.class.getName()}, hiding, null);
        RuntimeBundles runtime = new RuntimeBundles(context);
        isolation = context.registerService(ResolverHookFactory.class, new RuntimeIsolation(runtime), null);
        roles.open();
        facades.open();
        registration = context.registerService(ManagedServices.class, new ManagedServices(roles, hiding, facades, runtime), null);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
        facades.close();
        roles.close();
        hooks.unregister();
        isolation.unregister();
        scopes.close();
    }
}
