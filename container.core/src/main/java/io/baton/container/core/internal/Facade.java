package io.baton.container.core.internal;

import io.baton.container.core.Container;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * The stable stand-in for one service of a managed bundle: a JDK proxy registered by Baton under the
 * same interfaces and properties, forwarding through its {@link Gate} to the current implementation.
 * Its registration (and so its {@code ServiceReference}) lives across swaps.
 *
 * <p>Guarded by the {@link Facades} monitor, except the gate, which is thread-safe.
 */
final class Facade {
    /** Properties that belong to one registration and are never copied onto the facade. */
    private static final Set<String> OWN_PROPERTIES = Set.of(Constants.OBJECTCLASS, Constants.SERVICE_ID,
            Constants.SERVICE_BUNDLEID, Constants.SERVICE_SCOPE, "component.id");

    final String identity;
    final Class<?>[] interfaces;
    final Gate gate;
    final Object proxy;
    private final FacadeHandler handler;
    private ServiceReference<?> implementation;
    private ServiceRegistration<?> registration;

    Facade(String identity, Class<?>[] interfaces, ServiceReference<?> implementation, Object target) {
        this.identity = identity;
        this.interfaces = interfaces.clone();
        this.implementation = implementation;
        this.gate = new Gate(target);
        this.handler = new FacadeHandler(gate, identity, counter(implementation, gate));
        this.proxy = Proxy.newProxyInstance(InterfaceLoader.forProxy(interfaces), interfaces, handler);
    }

    void register(BundleContext context) {
        String[] names = Arrays.stream(interfaces).map(Class::getName).toArray(String[]::new);
        registration = context.registerService(names, proxy, properties(implementation, identity));
    }

    ServiceReference<?> implementation() {
        return implementation;
    }

    Bundle owner() {
        return implementation.getBundle();
    }

    /** The facade's own reference: what consumers hold. */
    ServiceReference<?> reference() {
        return registration.getReference();
    }

    /** Points the facade at a new implementation (gate closed and drained); properties follow later. */
    void switchTo(ServiceReference<?> newImplementation, Object newTarget) {
        implementation = newImplementation;
        gate.retarget(newTarget);
        handler.count(counter(newImplementation, gate));
    }

    CallCounter counter() {
        return handler.counter();
    }

    private static CallCounter counter(ServiceReference<?> impl, Gate gate) {
        Bundle b = impl.getBundle();
        return new CallCounter(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), gate);
    }

    void updateProperties() {
        registration.setProperties(properties(implementation, identity));
    }

    void unregister() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
    }

    Class<?> proxyClass() {
        return proxy.getClass();
    }

    /** @return the state type the current implementation declares ({@code baton.state.type}), or null if stateless */
    String stateType() {
        Object type = implementation.getProperty(io.baton.container.statexfer.Stateful.STATE_TYPE);
        return type == null ? null : String.valueOf(type);
    }

    /**
     * The service's interfaces as its bundle sees them.
     *
     * @throws IllegalArgumentException if one cannot be loaded or is a class: no proxy facade is possible
     */
    static Class<?>[] interfaces(ServiceReference<?> ref) {
        String[] names = (String[]) ref.getProperty(Constants.OBJECTCLASS);
        Class<?>[] types = new Class<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            try {
                types[i] = ref.getBundle().loadClass(names[i]);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("interface " + names[i] + " cannot be loaded from " + ref.getBundle().getSymbolicName(), e);
            }
            if (!types[i].isInterface()) {
                throw new IllegalArgumentException("service registered under class " + names[i]
                        + ", not an interface; Baton facades need interfaces " + Arrays.toString(names));
            }
        }
        return types;
    }

    static Dictionary<String, Object> properties(ServiceReference<?> impl, String identity) {
        Hashtable<String, Object> props = new Hashtable<>();
        for (String key : impl.getPropertyKeys()) {
            if (!OWN_PROPERTIES.contains(key)) {
                props.put(key, impl.getProperty(key));
            }
        }
        props.put(Container.FACADE_PROPERTY, Boolean.TRUE);
        props.put(Container.IDENTITY_PROPERTY, identity);
        Bundle b = impl.getBundle();
        if (b != null) {
            props.put("baton.facade.bundle", b.getSymbolicName());
            props.put("baton.facade.version", b.getVersion().toString());
        }
        return props;
    }
}
