package io.baton.container.statexfer.internal;

import io.baton.container.statexfer.ChangeTracker;
import io.baton.container.statexfer.KeyedState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A keyed store for the tests, written as an application would (one lock, {@link ChangeTracker} on
 * every write). {@code lieAbout} names a key whose writes it does not record: the wrong change report
 * of the bad-input tests (its checksum stays honest, as a tracker-kept one does).
 */
final class Entries implements KeyedState {
    private final Map<String, Object> entries = new HashMap<>();
    private final ChangeTracker tracker = new ChangeTracker();
    private final ChangeTracker honest = new ChangeTracker();
    private final String lieAbout;

    Entries(String lieAbout) {
        this.lieAbout = lieAbout;
    }

    synchronized void write(String key, Object value) {
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
        honest.changed(key, value);
        if (!key.equals(lieAbout)) {
            tracker.changed(key, value);
        }
    }

    synchronized Map<String, Object> all() {
        return new HashMap<>(entries);
    }

    @Override
    public long mark() {
        return tracker.mark();
    }

    @Override
    public Collection<String> changedSince(long mark) {
        return tracker.changedSince(mark);
    }

    @Override
    public synchronized Collection<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    @Override
    public synchronized Object entry(String key) {
        return entries.get(key);
    }

    @Override
    public long checksum() {
        return honest.checksum();
    }

    @Override
    public void putEntries(Map<String, Object> put) {
        put.forEach(this::write);
    }

    @Override
    public synchronized Map<String, Object> exportState() {
        return new HashMap<>(entries);
    }

    @Override
    public void importState(Map<String, Object> state) {
        List<String> gone = new ArrayList<>(keys());
        gone.forEach(k -> write(k, null));
        state.forEach(this::write);
    }
}
