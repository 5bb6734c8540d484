package io.baton.container.core.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The facade proxy's handler: every call goes through the gate to the current implementation object.
 * Object's own methods answer for the facade itself, so its identity never changes across swaps.
 */
final class FacadeHandler implements InvocationHandler {
    private final Gate gate;
    private final String identity;
    private volatile CallCounter counter;

    FacadeHandler(Gate gate, String identity, CallCounter counter) {
        this.gate = gate;
        this.identity = identity;
        this.counter = counter;
    }

    /** Counts calls for a new implementation from now on (at SWITCH, gates closed). */
    void count(CallCounter next) {
        counter = next;
    }

    CallCounter counter() {
        return counter;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals": return proxy == args[0];
                case "hashCode": return System.identityHashCode(proxy);
                default: return "BatonFacade[" + identity + "]";
            }
        }
        ArrayDeque<Gate> inside = Gate.inside();
        Object target = gate.enter(inside);
        CallCounter c = counter;
        boolean timed = (ThreadLocalRandom.current().nextInt() & LatencySamples.SAMPLE_MASK) == 0;
        long t0 = timed ? System.nanoTime() : 0;
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            c.failures.increment();
            throw e.getCause();
        } finally {
            if (timed) {
                c.latency.record(System.nanoTime() - t0);
            }
            // the call itself is counted by the gate (completed calls): no second atomic per call
            gate.exit(inside);
        }
    }
}
