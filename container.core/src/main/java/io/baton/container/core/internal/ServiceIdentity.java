package io.baton.container.core.internal;

import io.baton.container.core.Container;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * How a service is matched across versions: {@code <symbolic name>|<sorted interfaces>|<component
 * name>}, or {@code <symbolic name>|<baton.service.identity>} when the service sets that property.
 */
final class ServiceIdentity {
    private ServiceIdentity() {}

    static String of(ServiceReference<?> ref) {
        return of(ref.getBundle().getSymbolicName(), Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS)),
                ref.getProperty(Container.IDENTITY_PROPERTY), ref.getProperty("component.name"));
    }

    static String of(String symbolicName, Collection<String> interfaces, Map<String, Object> props) {
        return of(symbolicName, interfaces, props.get(Container.IDENTITY_PROPERTY), props.get("component.name"));
    }

    private static String of(String symbolicName, Collection<String> interfaces, Object override, Object componentName) {
        if (override != null) {
            return symbolicName + "|" + override;
        }
        return symbolicName + "|" + String.join(",", new TreeSet<>(interfaces))
                + (componentName == null ? "" : "|" + componentName);
    }
}
