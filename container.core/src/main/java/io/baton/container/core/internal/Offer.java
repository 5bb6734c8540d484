package io.baton.container.core.internal;

import io.baton.container.statexfer.Stateful;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;

/**
 * A service the new version offers, as far as it is known: from its DS descriptor before the bundle is
 * installed (VALIDATE), or from its registration once it runs (STAGE). Both are matched by one
 * {@link ServiceMatcher}, so a plan and a swap judge a service the same way.
 */
final class Offer {
    final String identity;
    /** {@code baton.state.type} as declared, or null. */
    final Object stateType;
    /** {@code baton.state.version} as declared (Integer or String), or null. */
    final Object stateVersion;
    /** Who offers it, for messages: a jar's component or a registered service. */
    final String where;
    /** The DS component that offers it, or null. */
    final String component;

    private Offer(String identity, Object stateType, Object stateVersion, String where, Object component) {
        this.identity = identity;
        this.stateType = stateType;
        this.stateVersion = stateVersion;
        this.where = where;
        this.component = component == null ? null : String.valueOf(component);
    }

    static Offer of(TargetJar jar, TargetJar.Component component) {
        Map<String, Object> props = component.properties;
        return new Offer(ServiceIdentity.of(jar.symbolicName, component.provides, props), props.get(Stateful.STATE_TYPE),
                props.get(Stateful.STATE_VERSION), jar + " component " + component.name, component.name);
    }

    static Offer of(ServiceReference<?> ref) {
        Bundle owner = ref.getBundle();
        return new Offer(ServiceIdentity.of(ref), ref.getProperty(Stateful.STATE_TYPE), ref.getProperty(Stateful.STATE_VERSION),
                "service " + ref.getProperty(Constants.SERVICE_ID) + " of " + (owner == null ? "an unregistered bundle" : owner.getSymbolicName() + " " + owner.getVersion()),
                ref.getProperty(ComponentConstants.COMPONENT_NAME));
    }
}
