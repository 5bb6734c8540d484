package io.baton.container.core.internal;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;

/**
 * Registers the service hooks before anything else of Baton runs: services of managed bundles must be
 * hidden from the moment those bundles start (at a higher start level), which DS cannot promise.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class Activator implements BundleActivator {
    private FacadeRegistry registry;
    private ServiceRegistration<?> registration;

    @Override
    public void start(BundleContext context) {
        registry = new FacadeRegistry(context);
        registration = context.registerService(
                new String[] {FindHook.class.getName(), EventListenerHook.class.getName(), FacadeRegistry.class.getName()},
                registry, null);
        registry.open();
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
        registry.close();
    }
}
