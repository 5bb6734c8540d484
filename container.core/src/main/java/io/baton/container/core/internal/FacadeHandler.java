package io.baton.container.core.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A facade proxy's handler: every call goes through the view's gate to the current implementation
 * object. Object's own methods answer for the proxy itself, so its identity never changes across swaps.
 */
final class FacadeHandler implements InvocationHandler {
    private final Gate gate;
    private final Facade facade;

    FacadeHandler(Gate gate, Facade facade) {
        this.gate = gate;
        this.facade = facade;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals": return proxy == args[0];
                case "hashCode": return System.identityHashCode(proxy);
                default: return "BatonFacade[" + facade.identity + "]";
            }
        }
        ArrayDeque<Gate> inside = Gate.inside();
        Object target = gate.enter(inside);
        CallCounter c = facade.counter();
        CallCounter.Op op = c.op(method);
        boolean timed = (ThreadLocalRandom.current().nextInt() & LatencySamples.SAMPLE_MASK) == 0;
        long t0 = timed ? System.nanoTime() : 0;
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            c.failures.increment();
            if (op != null) {
                op.failures.increment();
            }
            c.signal.failed(); // after counting: a detector told now sees this failure
            throw e.getCause();
        } finally {
            if (op != null) {
                op.calls.increment();
            }
            if (timed) {
                long nanos = System.nanoTime() - t0;
                c.latency.record(nanos);
                c.signal.sampled(nanos);
            }
            // the call itself is counted by the gate (completed calls): no second atomic per call
            gate.exit(inside);
        }
    }
}
