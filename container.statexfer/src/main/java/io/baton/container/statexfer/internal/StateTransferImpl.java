package io.baton.container.statexfer.internal;

import io.baton.container.statexfer.EntryMigrator;
import io.baton.container.statexfer.KeyedCopy;
import io.baton.container.statexfer.KeyedState;
import io.baton.container.statexfer.Migrator;
import io.baton.container.statexfer.SchemaVersion;
import io.baton.container.statexfer.MigratorEdge;
import io.baton.container.statexfer.Snapshot;
import io.baton.container.statexfer.StateTransfer;
import io.baton.container.statexfer.StateTransferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StateTransfer}: tracks every {@link Migrator} service and runs chains of them, each step on a
 * private copy, on a worker thread so that a deadline can be enforced.
 */
@Component(service = StateTransfer.class)
public final class StateTransferImpl implements StateTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(StateTransferImpl.class);

    /** A registered migrator: its declaration and the object. */
    private static final class Registered {
        final MigratorEdge edge;
        final Migrator migrator;

        Registered(MigratorEdge edge, Migrator migrator) {
            this.edge = edge;
            this.migrator = migrator;
        }
    }

    private final Map<Migrator, Registered> migrators = new ConcurrentHashMap<>();
    private final AbandonedMigrators abandoned = new AbandonedMigrators();
    private final ExecutorService workers;

    @Activate
    public StateTransferImpl() {
        AtomicInteger n = new AtomicInteger();
        // one worker kept alive and started now: a swap's pause should not include creating a thread
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "baton-migrator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.prestartCoreThread();
        workers = pool;
        workers.execute(StateTransferImpl::warmUp);
    }

    /**
     * Runs the copy and size code over synthetic state until the JIT has compiled it: the first swap
     * of a fresh JVM would otherwise run it interpreted, inside its pause. About 100 ms of one
     * thread, on the migrator worker, at activation.
     */
    static void warmUp() {
        // neutral synthetic data of the usual shape: a list of small records of strings and numbers
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> record = new HashMap<>();
            record.put("key", "k" + (i % 50));
            record.put("name", "n" + (i % 7));
            record.put("count", i);
            records.add(record);
        }
        Map<String, Object> state = new HashMap<>();
        state.put("records", records);
        long size = 0;
        for (int round = 0; round < 20 && !Thread.currentThread().isInterrupted(); round++) {
            size += PlainData.sizeOf(PlainData.copyState(state));
        }
        LOG.debug("State copy warmed up ({} bytes copied)", size);
    }

    @Deactivate
    void deactivate() {
        workers.shutdownNow();
        abandoned.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, service = Migrator.class)
    void addMigrator(Migrator migrator, Map<String, Object> props) {
        try {
            MigratorEdge edge = edge(props);
            migrators.put(migrator, new Registered(edge, migrator));
            LOG.info("Migrator {} registered ({})", edge, edge.origin());
        } catch (IllegalArgumentException e) {
            LOG.error("Ignoring migrator service {}: {}", props.get(Constants.SERVICE_ID), e.getMessage());
        }
    }

    void removeMigrator(Migrator migrator) {
        Registered gone = migrators.remove(migrator);
        if (gone != null) {
            LOG.info("Migrator {} unregistered ({})", gone.edge, gone.edge.origin());
        }
    }

    /** Reads a migrator's declaration from its service properties. */
    static MigratorEdge edge(Map<String, Object> props) {
        Object type = props.get(Migrator.TYPE);
        if (!(type instanceof String) || ((String) type).isBlank()) {
            throw new IllegalArgumentException("property " + Migrator.TYPE + " missing or blank");
        }
        String origin = "bundle " + props.getOrDefault("service.bundleid", "?")
                + (props.get("component.name") == null ? "" : " component " + props.get("component.name"));
        return new MigratorEdge((String) type, SchemaVersion.parse(props.get(Migrator.FROM), Migrator.FROM, "migrator " + origin),
                SchemaVersion.parse(props.get(Migrator.TO), Migrator.TO, "migrator " + origin), origin);
    }

    @Override
    public Snapshot capture(String type, int version, Map<String, Object> data, long maxBytes) throws StateTransferException {
        Snapshot s = new Snapshot();
        s.type = type;
        s.version = version;
        try {
            s.data = PlainData.copyState(data);
        } catch (IllegalArgumentException e) {
            throw new StateTransferException("State " + type + " v" + version + " cannot be captured: " + e.getMessage(), e);
        }
        s.bytes = PlainData.sizeOf(s.data);
        if (maxBytes > 0 && s.bytes > maxBytes) {
            throw new StateTransferException("State " + type + " v" + version + " is " + s.bytes
                    + " bytes, over the cap of " + maxBytes + " bytes (maxStateBytes)");
        }
        return s;
    }

    @Override
    public List<MigratorEdge> chain(String type, int from, int to, Collection<MigratorEdge> declared) throws StateTransferException {
        List<MigratorEdge> all = new ArrayList<>(declared);
        for (Registered r : migrators.values()) {
            all.add(r.edge);
        }
        return ChainFinder.find(type, from, to, all).orElseThrow(() -> new StateTransferException(
                "No migrator chain for state " + type + " from v" + from + " to v" + to + "; migrators known for "
                        + type + ": " + describe(type, all)));
    }

    private static String describe(String type, List<MigratorEdge> all) {
        Set<String> known = new java.util.TreeSet<>();
        for (MigratorEdge e : all) {
            if (e.type().equals(type)) {
                known.add(e.from() + "->" + e.to());
            }
        }
        return known.isEmpty() ? "none" : known.toString();
    }

    @Override
    public Snapshot migrate(Snapshot snapshot, int to, Duration deadline) throws StateTransferException {
        List<MigratorEdge> steps = chain(snapshot.type, snapshot.version, to, List.of());
        long end = System.nanoTime() + deadline.toNanos();
        Map<String, Object> data = snapshot.data;
        for (MigratorEdge step : steps) {
            Registered r = find(step);
            Map<String, Object> input = PlainData.copyState(data);
            long left = end - System.nanoTime();
            long t0 = System.nanoTime();
            AtomicReference<Thread> runner = new AtomicReference<>();
            Future<Map<String, Object>> result = workers.submit(() -> {
                runner.set(Thread.currentThread());
                try {
                    return r.migrator.migrate(input);
                } finally {
                    runner.set(null);
                }
            });
            Map<String, Object> out;
            try {
                out = result.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                abandoned.abandon(runner, "migrator " + step + " (" + r.edge.origin() + ")");
                throw new StateTransferException("Migrator " + step + " (" + r.edge.origin() + ") ran past its deadline of "
                        + deadline.toMillis() + " ms", e);
            } catch (ExecutionException e) {
                throw new StateTransferException("Migrator " + step + " (" + r.edge.origin() + ") failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateTransferException("Interrupted while migrating " + step, e);
            }
            if (out == null) {
                throw new StateTransferException("Migrator " + step + " (" + r.edge.origin() + ") returned null; expected a Map of state v" + step.to());
            }
            try {
                data = PlainData.copyState(out);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new StateTransferException("Migrator " + step + " (" + r.edge.origin() + ") returned a wrong result: " + e.getMessage(), e);
            }
            // debug: this runs while the gates are closed; the swap report carries the chain
            LOG.debug("Migrated {} in {} us", step, (System.nanoTime() - t0) / 1000);
        }
        Snapshot migrated = new Snapshot();
        migrated.type = snapshot.type;
        migrated.version = to;
        migrated.data = data;
        migrated.bytes = PlainData.sizeOf(data);
        return migrated;
    }

    private Registered find(MigratorEdge step) throws StateTransferException {
        for (Registered r : migrators.values()) {
            if (r.edge.equals(step)) {
                return r;
            }
        }
        throw new StateTransferException("Migrator " + step + " is declared but not registered (did its component fail to activate?)");
    }

    @Override
    public Map<String, List<MigratorEdge>> migrators() {
        Map<String, List<MigratorEdge>> byType = new TreeMap<>();
        for (Registered r : migrators.values()) {
            byType.computeIfAbsent(r.edge.type(), k -> new ArrayList<>()).add(r.edge);
        }
        byType.values().forEach(l -> l.sort((a, b) -> a.from() != b.from() ? Integer.compare(a.from(), b.from()) : Integer.compare(a.to(), b.to())));
        return byType;
    }

    @Override
    public List<String> abandonedThreads() {
        return abandoned.list();
    }

    @Override
    public KeyedCopy keyed(String type, int from, int to, KeyedState source, KeyedState target) throws StateTransferException {
        List<MigratorEdge> chain = chain(type, from, to, List.of());
        List<EntryMigrator> steps = new ArrayList<>();
        for (MigratorEdge step : chain) {
            Migrator m = find(step).migrator;
            if (!(m instanceof EntryMigrator)) {
                LOG.debug("State {} v{} -> v{}: migrator {} works on whole state only; copied in the pause", type, from, to, step);
                return null;
            }
            steps.add((EntryMigrator) m);
        }
        return new KeyedCopyImpl(type, from, to, source, target, chain, steps);
    }

    @Override
    public long sizeOf(Object data) {
        return PlainData.sizeOf(data);
    }
}
