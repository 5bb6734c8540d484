package io.baton.container.core.internal;

import io.baton.container.core.Container;
import io.baton.container.core.spi.CallStats;
import io.baton.container.statexfer.Stateful;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.PrototypeServiceFactory;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentConstants;

/**
 * The stable stand-in for one service of a managed bundle, registered by Baton under the same
 * interfaces and properties, whose registration (and so its {@code ServiceReference}) lives across
 * swaps. Consumers call JDK proxies, one per {@link FacadeView}, each forwarding through its own
 * {@link Gate} to the current implementation's object: one shared view for a singleton-scoped
 * service, a view per consumer bundle for a bundle-scoped one and per {@code getService} for a
 * prototype-scoped one (the facade is then registered as a {@code PrototypeServiceFactory} and keeps
 * the implementation's scope).
 *
 * <p>Thread-safe: views come and go under this object's lock; a swap changes the implementation
 * under it with every gate closed and drained.
 */
final class Facade {
    /** The implementation's scope, as its consumers see it; the facade keeps it. */
    enum Scope {
        SINGLETON, BUNDLE, PROTOTYPE;

        static Scope of(Object serviceScope) {
            if (Constants.SCOPE_PROTOTYPE.equals(serviceScope)) {
                return PROTOTYPE;
            }
            return Constants.SCOPE_BUNDLE.equals(serviceScope) ? BUNDLE : SINGLETON;
        }
    }

    /** Properties that belong to one registration and are never copied onto the facade. */
    private static final Set<String> OWN_PROPERTIES = Set.of(Constants.OBJECTCLASS, Constants.SERVICE_ID,
            Constants.SERVICE_BUNDLEID, Constants.SERVICE_SCOPE, "component.id");

    final String identity;
    final Class<?>[] interfaces;
    final ClassLoader loader;
    final Scope scope;
    private final Class<?> proxyClass;
    /** The generated facade class, or null where the JDK proxy serves (see {@link FacadeClasses}). */
    private final FacadeClasses generated;
    /** The counters' operations by the generated class's op index. */
    private final CallCounter.Op[] generatedOps;
    private final List<FacadeView> views = new CopyOnWriteArrayList<>();
    /** Calls into the current implementation through views that ended since it took over. */
    private final LongAdder endedViewCalls = new LongAdder();
    private volatile CallCounter counter;
    private final CallSignal signal;
    private volatile ServiceReference<?> implementation;
    /** The swap holding the gates closed, or null: a view made meanwhile starts closed. */
    private Object closedBy;
    private ServiceRegistration<?> registration;

    /**
     * @param sharedTarget the implementation's object Baton got, for a singleton; ignored otherwise
     */
    Facade(String identity, Class<?>[] interfaces, ServiceReference<?> implementation, Object sharedTarget, Scope scope, CallSignal signal) {
        this.signal = signal;
        this.identity = identity;
        this.interfaces = interfaces.clone();
        this.loader = InterfaceLoader.forProxy(interfaces); // Equinox: see forProxy
        this.scope = scope;
        this.implementation = implementation;
        this.counter = counter(implementation);
        this.generated = FacadeClasses.of(this.interfaces).orElse(null);
        this.generatedOps = generated == null ? null : generated.methods.stream().map(counter::op).toArray(CallCounter.Op[]::new);
        this.proxyClass = generated != null ? generated.type : Proxy.newProxyInstance(loader, this.interfaces, (p, m, a) -> null).getClass();
        if (scope == Scope.SINGLETON) {
            views.add(FacadeView.shared(this, implementation, sharedTarget));
        }
    }

    void register(BundleContext context) {
        String[] names = Arrays.stream(interfaces).map(Class::getName).toArray(String[]::new);
        Object service = scope == Scope.SINGLETON ? views.get(0).proxy : new Views();
        registration = context.registerService(names, service, properties(implementation, identity));
    }

    /** Makes the views of a bundle- or prototype-scoped facade, one per consumer or per getService. */
    private final class Views implements PrototypeServiceFactory<Object> {
        @Override
        public Object getService(Bundle consumer, ServiceRegistration<Object> registration) {
            while (true) {
                ServiceReference<?> impl = implementation;
                FacadeView view = FacadeView.forConsumer(Facade.this, consumer, impl, scope == Scope.PROTOTYPE);
                if (view == null) {
                    return null; // the implementation gave this consumer nothing: neither does its facade
                }
                synchronized (Facade.this) {
                    if (impl == implementation) {
                        if (closedBy != null) {
                            view.gate.close(closedBy);
                        }
                        views.add(view);
                        return view.proxy;
                    }
                }
                view.release(view.binding()); // a swap switched meanwhile: bind again to the new implementation
            }
        }

        @Override
        public void ungetService(Bundle consumer, ServiceRegistration<Object> registration, Object service) {
            for (FacadeView v : views) {
                if (v.proxy == service) {
                    synchronized (Facade.this) {
                        views.remove(v);
                        endedViewCalls.add(v.calls());
                    }
                    v.release(v.binding());
                    return;
                }
            }
        }
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

    // ---- gates -----------------------------------------------------------------------------------

    /** Closes every view's gate for {@code swap}; views made meanwhile start closed. */
    synchronized void close(Object swap) {
        closedBy = swap;
        views.forEach(v -> v.gate.close(swap));
    }

    synchronized void open() {
        closedBy = null;
        views.forEach(v -> v.gate.open());
    }

    /** @return true when no call is in flight through any view, false if one still was at {@code deadlineNanos} */
    boolean awaitDrained(long deadlineNanos) {
        for (FacadeView v : views) {
            if (!v.gate.awaitDrained(deadlineNanos)) {
                return false;
            }
        }
        return true;
    }

    boolean isClosed() {
        return views.stream().anyMatch(v -> v.gate.isClosed());
    }

    int inFlight() {
        return views.stream().mapToInt(v -> v.gate.inFlight()).sum();
    }

    long waitedCalls() {
        return views.stream().mapToLong(v -> v.gate.waitedCalls()).sum();
    }

    long longestWaitNanos() {
        return views.stream().mapToLong(v -> v.gate.longestWaitNanos()).max().orElse(0);
    }

    /** @return the implementation's object every consumer shares (singleton scope), or null */
    Object target() {
        return scope == Scope.SINGLETON ? views.get(0).gate.target() : null;
    }

    /** @return the implementation's objects behind every view */
    List<Object> targets() {
        List<Object> targets = new ArrayList<>();
        views.forEach(v -> targets.add(v.gate.target()));
        return targets;
    }

    // ---- swaps -----------------------------------------------------------------------------------

    /**
     * For a bundle- or prototype-scoped facade: the new implementation's object for each consumer's
     * view, got before the pause (STAGE), installed at SWITCH.
     */
    Map<FacadeView, FacadeView.Binding> prepare(ServiceReference<?> next) {
        Map<FacadeView, FacadeView.Binding> prepared = new LinkedHashMap<>();
        if (scope != Scope.SINGLETON) {
            for (FacadeView v : views) {
                FacadeView.Binding b = v.bind(next, scope == Scope.PROTOTYPE);
                if (b != null) {
                    prepared.put(v, b);
                }
            }
        }
        return prepared;
    }

    /** Gives back what {@link #prepare} got, when the swap is undone. */
    static void release(Map<FacadeView, FacadeView.Binding> prepared) {
        prepared.forEach(FacadeView::release);
    }

    /**
     * Points every view at the new implementation (gates closed and drained); properties follow later.
     *
     * @param sharedTarget the new object for a singleton's shared view
     * @param prepared the consumers' new objects got by {@link #prepare}; a view made since gets its object now
     * @return the consumers' previous objects, to give back once the gates are open
     */
    synchronized Map<FacadeView, FacadeView.Binding> switchTo(ServiceReference<?> next, Object sharedTarget,
            Map<FacadeView, FacadeView.Binding> prepared) {
        implementation = next;
        counter = counter(next);
        endedViewCalls.reset();
        Map<FacadeView, FacadeView.Binding> previous = new LinkedHashMap<>();
        for (FacadeView v : views) {
            FacadeView.Binding b = scope == Scope.SINGLETON ? new FacadeView.Binding(next, sharedTarget, null)
                    : prepared.containsKey(v) ? prepared.get(v) : v.bind(next, scope == Scope.PROTOTYPE);
            if (b != null) {
                previous.put(v, v.install(b));
            }
        }
        return previous;
    }

    CallCounter counter() {
        return counter;
    }

    /** @return calls and failures into the current implementation since it took over, through every view: in all, then per operation */
    List<CallStats> stats() {
        long calls = endedViewCalls.sum();
        for (FacadeView v : views) {
            calls += v.calls();
        }
        return counter.stats(identity, calls);
    }

    private CallCounter counter(ServiceReference<?> impl) {
        Bundle b = impl.getBundle();
        return new CallCounter(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), interfaces, signal);
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

    /** The class of every view's facade object: generated, or a JDK proxy class. */
    Class<?> proxyClass() {
        return proxyClass;
    }

    /** @return a facade object calling through {@code gate}: of the generated class, or a JDK proxy */
    Object newFacadeObject(Gate gate) {
        if (generated != null) {
            return generated.newInstance(new FacadeBridge(gate, this::counter, generatedOps), "BatonFacade[" + identity + "]");
        }
        return Proxy.newProxyInstance(loader, interfaces, new FacadeHandler(gate, this));
    }

    /** @return whether the current implementation was registered by DS for a component that declares it (not by code) */
    boolean declared() {
        return implementation.getProperty(ComponentConstants.COMPONENT_NAME) != null;
    }

    /** @return the state type the current implementation declares ({@code baton.state.type}), or null if stateless */
    String stateType() {
        Object type = implementation.getProperty(Stateful.STATE_TYPE);
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
