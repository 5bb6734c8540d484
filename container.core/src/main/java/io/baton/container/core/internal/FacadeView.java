package io.baton.container.core.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;

/**
 * What one consumer holds of a facade: a facade object (generated class or JDK proxy) with its own gate, in front of the implementation's
 * object for that consumer. A singleton-scoped service has one view shared by every consumer (the
 * object Baton got); a bundle-scoped one a view per consumer bundle, a prototype-scoped one a view per
 * {@code getService}, each in front of the object the implementation made for that consumer, got
 * through the consumer's own context, so that per-consumer semantics hold through the facade.
 * Thread-safe: the gate is; the binding changes only while the gate is closed and drained.
 */
final class FacadeView {
    /** An implementation's object for this view's consumer, and how to give it back. */
    record Binding(ServiceReference<?> implementation, Object target, ServiceObjects<Object> objects) {}

    final Gate gate;
    final Object proxy;
    /** The consumer this view's objects are made for; null for the shared view of a singleton. */
    final Bundle consumer;
    private volatile Binding binding;
    /** The gate's completed calls when the current implementation began to serve through this view. */
    volatile long base;

    private FacadeView(Facade facade, Bundle consumer, Binding binding) {
        this.gate = new Gate(binding.target());
        this.proxy = facade.newFacadeObject(gate);
        this.consumer = consumer;
        this.binding = binding;
    }

    /** The one view of a singleton-scoped service, in front of the object Baton got. */
    static FacadeView shared(Facade facade, ServiceReference<?> implementation, Object target) {
        return new FacadeView(facade, null, new Binding(implementation, target, null));
    }

    /** @return a view for one consumer, or null if the implementation gave the consumer no object */
    static FacadeView forConsumer(Facade facade, Bundle consumer, ServiceReference<?> implementation, boolean prototype) {
        Binding b = bind(consumer, implementation, prototype);
        return b == null ? null : new FacadeView(facade, consumer, b);
    }

    Binding binding() {
        return binding;
    }

    /**
     * The implementation's object for this view's consumer, got through the consumer's own context (the
     * implementation's ServiceFactory then sees the consumer, not Baton); not yet installed.
     *
     * @return the binding, or null if the consumer is gone or the implementation gave it no object
     */
    Binding bind(ServiceReference<?> implementation, boolean prototype) {
        return bind(consumer, implementation, prototype);
    }

    @SuppressWarnings("unchecked")
    private static Binding bind(Bundle consumer, ServiceReference<?> implementation, boolean prototype) {
        BundleContext ctx = consumer.getBundleContext();
        if (ctx == null) {
            return null;
        }
        try {
            if (prototype) {
                ServiceObjects<Object> objects = (ServiceObjects<Object>) ctx.getServiceObjects(implementation);
                Object target = objects == null ? null : objects.getService();
                return target == null ? null : new Binding(implementation, target, objects);
            }
            Object target = ctx.getService(implementation);
            return target == null ? null : new Binding(implementation, target, null);
        } catch (IllegalStateException | IllegalArgumentException gone) {
            return null; // the consumer is stopping, or the implementation was unregistered
        }
    }

    /** Points this view at another binding (gate closed and drained); the previous one is returned, for {@link #release}. */
    Binding install(Binding next) {
        Binding previous = binding;
        binding = next;
        gate.retarget(next.target());
        base = gate.completed();
        return previous;
    }

    /** Gives a consumer's object back to it (the view ended, or its binding was replaced). */
    void release(Binding b) {
        if (consumer == null || b == null) {
            return; // the shared view's object is Baton's: Facades gives it back
        }
        try {
            if (b.objects() != null) {
                b.objects().ungetService(b.target());
            } else {
                BundleContext ctx = consumer.getBundleContext();
                if (ctx != null) {
                    ctx.ungetService(b.implementation());
                }
            }
        } catch (IllegalStateException | IllegalArgumentException gone) {
            // the consumer or the implementation is gone: nothing is held any more
        }
    }

    /** Calls completed through this view into its current implementation. */
    long calls() {
        return gate.completed() - base;
    }
}
