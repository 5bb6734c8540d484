package io.baton.container.core.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

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
        Caller caller = Caller.current();
        Object target = gate.enter(caller);
        CallCounter c = facade.counter();
        CallCounter.Op op = c.op(method);
        boolean timed = caller.sampled();
        long t0 = timed ? System.nanoTime() : 0;
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            c.failed(caller, op);
            throw e.getCause();
        } finally {
            c.called(caller, op);
            if (timed) {
                long nanos = System.nanoTime() - t0;
                c.latency.record(nanos);
                c.signal.sampled(nanos);
            }
            // the call in all is counted by the gate (completed calls): no second counter per call
            gate.exit(caller);
        }
    }
}
