package io.baton.container.core.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real scope of a service. {@code service.scope} says {@code bundle} for every delayed DS
 * component (SCR registers a ServiceFactory to create the object on first use), so for a DS service
 * the component's description decides; for any other service its {@code service.scope}.
 */
final class ServiceScopes {
    private final ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> scr;

    ServiceScopes(BundleContext context) {
        this.scr = new ServiceTracker<>(context, ServiceComponentRuntime.class, null);
    }

    void open() {
        scr.open();
    }

    void close() {
        scr.close();
    }

    Facade.Scope of(ServiceReference<?> ref) {
        Object registered = ref.getProperty(Constants.SERVICE_SCOPE);
        Object component = ref.getProperty(ComponentConstants.COMPONENT_NAME);
        ServiceComponentRuntime runtime = scr.getService();
        if (component != null && runtime != null && ref.getBundle() != null && !Constants.SCOPE_SINGLETON.equals(registered)) {
            ComponentDescriptionDTO d = runtime.getComponentDescriptionDTO(ref.getBundle(), String.valueOf(component));
            if (d != null) {
                return Facade.Scope.of(d.scope);
            }
        }
        return Facade.Scope.of(registered);
    }
}
