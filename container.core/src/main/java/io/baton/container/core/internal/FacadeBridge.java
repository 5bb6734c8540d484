package io.baton.container.core.internal;

import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * What a generated facade object calls around each call (see {@link FacadeBytecode}): {@link #apply}
 * enters the view's gate and returns the thread's {@link Caller} (whose {@code get()} is the target),
 * {@link #accept} counts the call (a negative op: failed) and exits. The generated class sees it only
 * through the JDK interfaces, so it needs no import of Baton's packages. The work is the same as
 * {@link FacadeHandler}'s, without reflection or boxing. Thread-safe.
 */
final class FacadeBridge implements IntFunction<Object>, ObjIntConsumer<Object> {
    private final Gate gate;
    /** The current implementation's counter (it changes at SWITCH, with the gate drained). */
    private final Supplier<CallCounter> counter;
    /** The counters' operations by op index of the generated class (the same columns in every counter of the facade). */
    private final CallCounter.Op[] ops;

    FacadeBridge(Gate gate, Supplier<CallCounter> counter, CallCounter.Op[] ops) {
        this.gate = gate;
        this.counter = counter;
        this.ops = ops;
    }

    @Override
    public Object apply(int op) {
        Caller caller = Caller.current();
        caller.entered(gate.enter(caller));
        caller.begin(caller.sampled());
        return caller;
    }

    @Override
    public void accept(Object callerObject, int code) {
        Caller caller = (Caller) callerObject;
        CallCounter c = counter.get();
        CallCounter.Op op = ops[code >= 0 ? code : -code - 1];
        if (code < 0) {
            c.failed(caller, op);
        }
        c.called(caller, op);
        long t0 = caller.end();
        if (t0 != 0) {
            long nanos = System.nanoTime() - t0;
            c.latency.record(nanos);
            c.signal.sampled(nanos);
        }
        gate.exit(caller);
    }
}
