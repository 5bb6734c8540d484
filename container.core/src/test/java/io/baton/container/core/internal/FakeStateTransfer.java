package io.baton.container.core.internal;

import io.baton.container.statexfer.MigratorEdge;
import io.baton.container.statexfer.Snapshot;
import io.baton.container.statexfer.StateTransfer;
import io.baton.container.statexfer.StateTransferException;
import io.baton.container.statexfer.internal.ChainFinder;
import io.baton.container.statexfer.internal.PlainData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * State transfer for the phase tests: the real plain-data copy and chain search of container.statexfer,
 * with migrators given as functions instead of services.
 */
final class FakeStateTransfer implements StateTransfer {
    private final Map<MigratorEdge, UnaryOperator<Map<String, Object>>> migrators = new LinkedHashMap<>();

    FakeStateTransfer migrator(int from, int to, UnaryOperator<Map<String, Object>> step) {
        migrators.put(new MigratorEdge("counter", from, to, "test"), step);
        return this;
    }

    @Override
    public Snapshot capture(String type, int version, Map<String, Object> data, long maxBytes) throws StateTransferException {
        Snapshot s = new Snapshot();
        s.type = type;
        s.version = version;
        try {
            s.data = PlainData.copyState(data);
        } catch (IllegalArgumentException e) {
            throw new StateTransferException(e.getMessage(), e);
        }
        s.bytes = PlainData.sizeOf(s.data);
        return s;
    }

    @Override
    public List<MigratorEdge> chain(String type, int from, int to, Collection<MigratorEdge> declared) throws StateTransferException {
        List<MigratorEdge> all = new ArrayList<>(declared);
        all.addAll(migrators.keySet());
        return ChainFinder.find(type, from, to, all).orElseThrow(() -> new StateTransferException("No migrator chain for state " + type
                + " from v" + from + " to v" + to));
    }

    @Override
    public Snapshot migrate(Snapshot snapshot, int to, Duration deadline) throws StateTransferException {
        Map<String, Object> data = snapshot.data;
        for (MigratorEdge step : chain(snapshot.type, snapshot.version, to, List.of())) {
            data = migrators.get(step).apply(PlainData.copyState(data));
        }
        Snapshot out = capture(snapshot.type, to, data, 0);
        return out;
    }

    @Override
    public Map<String, List<MigratorEdge>> migrators() {
        return Map.of("counter", new ArrayList<>(migrators.keySet()));
    }

    @Override
    public List<String> abandonedThreads() {
        return List.of();
    }

    @Override
    public long sizeOf(Object data) {
        return PlainData.sizeOf(data);
    }

    /** The phase tests' states are not keyed: always the eager path. */
    @Override
    public io.baton.container.statexfer.KeyedCopy keyed(String type, int from, int to, io.baton.container.statexfer.KeyedState source,
            io.baton.container.statexfer.KeyedState target) {
        return null;
    }
}
