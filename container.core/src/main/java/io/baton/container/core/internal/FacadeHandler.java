package io.baton.container.core.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The facade proxy's handler: every call goes through the gate to the current implementation object.
 * Object's own methods answer for the facade itself, so its identity never changes across swaps.
 */
final class FacadeHandler implements InvocationHandler {
    private final Gate gate;
    private final String identity;

    FacadeHandler(Gate gate, String identity) {
        this.gate = gate;
        this.identity = identity;
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
        Object target = gate.enter();
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            gate.exit();
        }
    }
}
