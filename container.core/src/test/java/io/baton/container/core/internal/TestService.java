package io.baton.container.core.internal;

import io.baton.container.core.Quiescable;
import io.baton.container.statexfer.Stateful;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/** A service object for the phase tests: a Supplier with state it can export and import, and threads it can suspend. */
final class TestService implements Supplier<String>, Stateful, Quiescable {
    final String name;
    final Map<String, Object> state = new LinkedHashMap<>();
    final List<String> events = new ArrayList<>();
    RuntimeException importFailure;
    Error importError;
    /** When set, {@link #importState} waits for it, ignoring interrupts: an import that never returns. */
    volatile java.util.concurrent.CountDownLatch importBlocks;
    /** When set, {@link #get()} waits for it: a call that stays in flight. */
    volatile java.util.concurrent.CountDownLatch blockIn;

    TestService(String name) {
        this.name = name;
    }

    @Override
    public String get() {
        java.util.concurrent.CountDownLatch latch = blockIn;
        if (latch != null) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return name;
    }

    @Override
    public Map<String, Object> exportState() {
        events.add("export");
        return new LinkedHashMap<>(state);
    }

    @Override
    public void importState(Map<String, Object> imported) {
        events.add("import");
        if (importFailure != null) {
            throw importFailure;
        }
        if (importError != null) {
            throw importError;
        }
        java.util.concurrent.CountDownLatch block = importBlocks;
        while (block != null && block.getCount() > 0) {
            try {
                block.await();
            } catch (InterruptedException ignored) {
                // hostile: it does not stop when asked
            }
        }
        state.clear();
        state.putAll(imported);
    }

    @Override
    public void suspend() {
        events.add("suspend");
    }

    @Override
    public void resume() {
        events.add("resume");
    }

    /** Registers this object as bundle {@code b}'s service, as its activator or DS would, with a state declaration if {@code version > 0}. */
    ServiceRegistration<?> registerIn(Bundle b, String component, int version) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("component.name", component);
        if (version > 0) {
            props.put(STATE_TYPE, "counter");
            props.put(STATE_VERSION, version);
        }
        return b.getBundleContext().registerService(Supplier.class.getName(), this, props);
    }
}
