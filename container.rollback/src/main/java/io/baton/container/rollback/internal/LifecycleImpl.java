package io.baton.container.rollback.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.PhaseTiming;
import io.baton.container.core.SwapParticipant;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.container.core.TargetInfo;
import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.RecordKind;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import io.baton.container.statexfer.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probation, commit and rollback. As a {@link SwapParticipant} it pins every jar Baton installs,
 * writes a checkpoint before each swap passes its point of no return, and puts the swap in TRIAL;
 * a probation thread runs the detectors and commits or rolls back. See {@link RecordState} for the
 * lifecycle. Thread-safe: transitions are serialized on this object; the swap itself on the
 * container's own lock.
 */
@Component(service = {Lifecycle.class, SwapParticipant.class}, configurationPid = RollbackConfig.PID, immediate = true)
@Designate(ocd = RollbackConfig.class)
public final class LifecycleImpl implements Lifecycle, SwapParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleImpl.class);

    private final BundleContext context;
    private final Container container;
    private final ServiceComponentRuntime scr;
    /** Replaced by {@link #modified}; a probation keeps the configuration it started with. */
    private volatile RollbackConfig config;
    private final CheckpointStore store;
    private final Journal journal;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    /** {@code symbolicName@version} to the SHA-256 of its pinned jar. */
    private final Map<String, String> digests = new ConcurrentHashMap<>();
    private final ScheduledExecutorService probationThread;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    volatile org.apache.felix.hc.api.execution.HealthCheckExecutor healthCheckExecutor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    volatile org.osgi.service.cm.ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    volatile org.osgi.service.event.EventAdmin eventAdmin;

    /** Posts {@code io/baton/lifecycle/<STATE>} with the record's id, checkpoint, detector and evidence. */
    private void post(String state, SwapRecord r) {
        org.osgi.service.event.EventAdmin admin = eventAdmin;
        if (admin == null) {
            return;
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("swap.id", String.valueOf(r.swapId));
        props.put("checkpoint.id", String.valueOf(r.checkpointId));
        props.put("kind", String.valueOf(r.kind));
        if (r.detector != null) {
            props.put("detector", r.detector);
            props.put("evidence", String.valueOf(r.evidence));
        }
        if (r.failure != null) {
            props.put("failure", r.failure);
        }
        admin.postEvent(new org.osgi.service.event.Event("io/baton/lifecycle/" + state, props));
    }
    /** Written by prepare(), taken by swapped(): the checkpoint and baseline of the swap in flight. */
    private volatile CheckpointInfo pendingCheckpoint;
    private volatile CheckpointInfo pendingInfo;
    private volatile Map<String, Map<String, Object>> pendingConfigurations;
    private volatile Map<String, Double> pendingBaselines = Map.of();
    private volatile Map<String, Long> pendingP99 = Map.of();
    private Probation probation;
    private ScheduledFuture<?> probationTask;

    @Activate
    public LifecycleImpl(BundleContext context, @Reference Container container,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) ServiceComponentRuntime scr, RollbackConfig config) {
        this.context = context;
        this.container = container;
        this.scr = scr;
        this.config = config;
        Path dir = context.getDataFile("store").toPath();
        this.store = new CheckpointStore(dir.resolve("checkpoints"), config.retainCheckpoints());
        this.journal = new Journal(dir, problems);
        Json.warmUp();
        journal.open();
        this.probationThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-probation");
            t.setDaemon(true);
            return t;
        });
        new Recovery(context, container, store, journal).run();
        LOG.info("Baton rollback active: store {}, probation {} ms", dir, config.probationMillis());
    }

    @org.osgi.service.component.annotations.Modified
    void modified(RollbackConfig changed) {
        this.config = changed;
        LOG.info("Baton rollback configuration changed: probation {} ms", changed.probationMillis());
    }

    @Deactivate
    void deactivate() {
        probationThread.shutdownNow();
    }

    // ---- SwapParticipant -----------------------------------------------------------------------

    @Override
    public void admit(SwapRequest request) {
        SwapRecord trial = journal.trial();
        if (trial != null && !"rollback".equals(request.kind)) {
            throw new IllegalStateException("Swap " + trial.swapId + " is in TRIAL until "
                    + java.time.Instant.ofEpochMilli(trial.probationEndsAt) + "; commit it or roll it back before another swap");
        }
    }

    @Override
    public void installing(String symbolicName, String version, String source, byte[] content) throws IOException {
        digests.put(symbolicName + "@" + version, store.pin(content));
    }

    /**
     * Before the gates close: the call baselines, the bundle set and the configurations of the
     * checkpoint, so that only the state is left to write in the pause.
     */
    @Override
    public void quiescing(SwapRequest request, SwapReport report) throws IOException {
        List<io.baton.container.core.CallStats> before = container.callStats();
        pendingBaselines = Probation.rates(before);
        pendingP99 = Probation.p99(before);
        pendingInfo = null;
        pendingConfigurations = null;
        if (!"rollback".equals(request.kind)) {
            pendingInfo = checkpointInfo(report);
            pendingConfigurations = Configurations.save(context, container.managed(), scr, configurationAdmin);
        }
    }

    /** In the pause: the checkpoint, with the exported state, on disk before the point of no return. */
    @Override
    public void prepare(SwapRequest request, SwapReport report, Map<String, Snapshot> exported) throws IOException {
        if ("rollback".equals(request.kind)) {
            pendingCheckpoint = null; // a rollback returns to a checkpoint; it writes none
            return;
        }
        CheckpointInfo info = pendingInfo == null ? checkpointInfo(report) : pendingInfo;
        Map<String, Map<String, Object>> configurations = pendingConfigurations == null
                ? Configurations.save(context, container.managed(), scr, configurationAdmin) : pendingConfigurations;
        pendingCheckpoint = store.write(info, exported, configurations, config.syncCheckpoints());
    }

    private CheckpointInfo checkpointInfo(SwapReport report) {
        CheckpointInfo info = new CheckpointInfo();
        info.createdAt = System.currentTimeMillis();
        info.swapId = report.id;
        for (BundleInfo b : container.managed()) {
            CheckpointInfo.BundleEntry e = new CheckpointInfo.BundleEntry();
            e.symbolicName = b.symbolicName;
            e.version = b.version;
            e.location = b.location;
            e.sha256 = digests.get(b.symbolicName + "@" + b.version);
            Bundle bundle = context.getBundle(b.id);
            e.startLevel = bundle == null ? 0 : bundle.adapt(BundleStartLevel.class).getStartLevel();
            e.state = b.state;
            info.bundles.add(e);
        }
        return info;
    }

    @Override
    public void swapped(SwapRequest request, SwapReport report) {
        if ("rollback".equals(request.kind)) {
            return; // recorded by rollbackTo(), which asked for it
        }
        SwapRecord r = record(RecordKind.SWAP, report);
        r.state = RecordState.TRIAL;
        r.checkpointId = pendingCheckpoint == null ? null : pendingCheckpoint.id;
        long probationMillis = request.probationMillis >= 0 ? request.probationMillis : config.probationMillis();
        r.probationEndsAt = System.currentTimeMillis() + probationMillis;
        synchronized (this) {
            try {
                journal.add(r);
            } catch (IOException e) {
                LOG.error("Swap {} could not be journaled: {}", report.id, e.toString());
            }
            startProbation(r, pendingBaselines, pendingP99);
        }
        post("TRIAL", r);
        LOG.info("Swap {} in TRIAL until its probation ends in {} ms (checkpoint {})", report.id, probationMillis, r.checkpointId);
    }

    // ---- probation -----------------------------------------------------------------------------

    private synchronized void startProbation(SwapRecord trial, Map<String, Double> baselines, Map<String, Long> baselineP99) {
        Set<String> newVersions = new HashSet<>();
        for (String target : trial.targets) {
            // "bsn: from -> to"
            String bsn = target.substring(0, target.indexOf(':'));
            newVersions.add(bsn + "@" + target.substring(target.lastIndexOf("-> ") + 3));
        }
        probation = new Probation(trial.swapId, trial.probationEndsAt, newVersions, baselines, baselineP99, container, context, scr,
                () -> healthCheckExecutor, config);
        context.addFrameworkListener(probation);
        Probation watched = probation;
        probationTask = probationThread.scheduleWithFixedDelay(() -> watch(watched), config.checkIntervalMillis(),
                config.checkIntervalMillis(), TimeUnit.MILLISECONDS);
    }

    private void watch(Probation watched) {
        try {
            Verdict verdict;
            synchronized (this) {
                if (probation != watched) {
                    return;
                }
                if (System.currentTimeMillis() >= watched.endsAtMillis) {
                    LOG.info("Probation of swap {} ended clean: committing", watched.swapId);
                    commit();
                    return;
                }
                verdict = watched.check();
            }
            if (verdict != null) {
                LOG.warn("Swap {} failed its probation: {}; rolling back", watched.swapId, verdict);
                rollback(verdict);
            }
        } catch (RuntimeException e) {
            LOG.error("Probation of swap {} failed: {}", watched.swapId, e.toString(), e);
        }
    }

    private synchronized void stopProbation() {
        if (probation != null) {
            context.removeFrameworkListener(probation);
            probationTask.cancel(false);
            probation = null;
        }
    }

    // ---- Lifecycle -----------------------------------------------------------------------------

    @Override
    public SwapRecord trial() {
        return journal.trial();
    }

    @Override
    public synchronized SwapRecord commit() {
        SwapRecord trial = requireTrial("commit");
        stopProbation();
        SwapRecord commit = new SwapRecord();
        commit.kind = RecordKind.COMMIT;
        commit.swapId = trial.swapId;
        commit.checkpointId = trial.checkpointId;
        commit.targets = trial.targets;
        commit.startedAt = System.currentTimeMillis();
        List<Bundle> retired = retiredBundles();
        uninstallAndRefresh(retired);
        try {
            journal.update(trial, t -> t.state = RecordState.COMMITTED);
            commit.state = RecordState.DONE;
            commit.endedAt = System.currentTimeMillis();
            journal.add(commit);
            store.prune(runningDigests());
        } catch (IOException e) {
            throw new UncheckedIOException("Commit of " + trial.swapId + " could not be journaled", e);
        }
        LOG.info("Swap {} COMMITTED: {} old bundles uninstalled", trial.swapId, retired.size());
        post("COMMITTED", commit);
        return commit;
    }

    @Override
    public SwapRecord rollback() {
        return rollback(new Verdict("manual", "rollback asked for by hand"));
    }

    private synchronized SwapRecord rollback(Verdict verdict) {
        SwapRecord trial = requireTrial("roll back");
        if (trial.checkpointId == null) {
            throw new IllegalStateException("Swap " + trial.swapId + " has no checkpoint to roll back to");
        }
        return rollbackTo(trial.checkpointId, verdict);
    }

    @Override
    public SwapRecord rollbackTo(String checkpointId) {
        return rollbackTo(checkpointId, new Verdict("manual", "rollback to " + checkpointId + " asked for by hand"));
    }

    private synchronized SwapRecord rollbackTo(String checkpointId, Verdict verdict) {
        CheckpointInfo checkpoint = checkpoint(checkpointId);
        SwapRecord trial = journal.trial();
        SwapRecord record = new SwapRecord();
        record.kind = RecordKind.ROLLBACK;
        record.swapId = trial == null ? null : trial.swapId;
        record.checkpointId = checkpointId;
        record.detector = verdict.detector;
        record.evidence = verdict.evidence;
        record.startedAt = System.currentTimeMillis();
        SwapRequest request = new SwapRequest();
        request.kind = "rollback";
        List<Bundle> trialBundles = new ArrayList<>();
        try {
            for (CheckpointInfo.BundleEntry e : checkpoint.bundles) {
                BundleInfo running = runningVersion(e.symbolicName);
                if (running == null || running.version.equals(e.version)) {
                    continue;
                }
                trialBundles.add(context.getBundle(running.id));
                request.targets.add(source(e));
            }
            request.restore = new LazySnapshots(() -> store.snapshots(checkpoint));
        } catch (IllegalStateException e) {
            return failed(record, "the checkpoint " + checkpointId + " cannot be used: " + e.getMessage() + "; staying on the current set");
        }
        if (request.targets.isEmpty()) {
            return failed(record, "the running set already is checkpoint " + checkpointId);
        }
        stopProbation();
        SwapReport report = container.swap(request);
        record.rollbackMicros = (System.nanoTime() - verdict.detectedAt) / 1000;
        copy(report, record);
        if (report.status != SwapStatus.SWAPPED) {
            if (trial != null) {
                startProbation(trial, Map.of(), Map.of());
            }
            return failed(record, report.failure + "; staying on the current set, checkpoint " + checkpointId + " kept");
        }
        uninstallAndRefresh(trialBundles);
        try {
            Configurations.restore(store.configurations(checkpoint), configurationAdmin);
        } catch (IOException | RuntimeException e) {
            record.notes.add("Configurations of " + checkpointId + " could not be restored: " + e);
        }
        try {
            if (trial != null) {
                journal.update(trial, t -> {
                    t.state = RecordState.ROLLED_BACK;
                    t.detector = verdict.detector;
                    t.evidence = verdict.evidence;
                });
            }
            record.state = RecordState.DONE;
            record.endedAt = System.currentTimeMillis();
            journal.add(record);
            store.prune(runningDigests());
        } catch (IOException e) {
            LOG.error("Rollback to {} done but not journaled or pruned: {}", checkpointId, e.toString());
        }
        LOG.info("Rolled back to {} in {} us after {} ({}); notes: {}", checkpointId, record.rollbackMicros, verdict.detector,
                verdict.evidence, record.notes);
        post("ROLLED_BACK", record);
        return record;
    }

    /** The bundle to go back to: the retired one if still installed, else the pinned jar. */
    private String source(CheckpointInfo.BundleEntry e) {
        Bundle installed = context.getBundle(e.location);
        if (installed != null && installed.getState() != Bundle.UNINSTALLED) {
            return "bundle:" + installed.getBundleId();
        }
        if (e.sha256 == null || !Files.isRegularFile(store.pinned(e.sha256))) {
            throw new IllegalStateException(e.symbolicName + " " + e.version + " is no longer installed and its pinned jar "
                    + (e.sha256 == null ? "was never stored" : store.pinned(e.sha256) + " is missing"));
        }
        return store.pinned(e.sha256).toString();
    }

    private SwapRecord failed(SwapRecord record, String failure) {
        record.state = RecordState.FAILED;
        record.failure = failure;
        record.endedAt = System.currentTimeMillis();
        try {
            journal.add(record);
        } catch (IOException e) {
            LOG.error("Failed rollback not journaled: {}", e.toString());
        }
        LOG.error("Rollback to {} FAILED: {}", record.checkpointId, failure);
        post("ROLLBACK_FAILED", record);
        return record;
    }

    @Override
    public List<SwapRecord> history(int max) {
        return journal.history(max);
    }

    @Override
    public List<CheckpointInfo> checkpoints() {
        return store.list();
    }

    @Override
    public List<String> storeProblems() {
        List<String> all = new ArrayList<>(problems);
        all.addAll(store.problems());
        return all;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private SwapRecord requireTrial(String what) {
        SwapRecord trial = journal.trial();
        if (trial == null) {
            throw new IllegalStateException("Nothing to " + what + ": no swap is in TRIAL");
        }
        return trial;
    }

    private CheckpointInfo checkpoint(String id) {
        List<CheckpointInfo> all = store.list();
        for (CheckpointInfo c : all) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        List<String> known = new ArrayList<>();
        all.forEach(c -> known.add(c.id));
        throw new IllegalArgumentException("No checkpoint \"" + id + "\"; known: " + known);
    }

    private BundleInfo runningVersion(String symbolicName) {
        for (BundleInfo b : container.managed()) {
            if (b.symbolicName.equals(symbolicName)) {
                return b;
            }
        }
        return null;
    }

    /** Managed bundles that are installed but not serving: the old versions kept for a rollback. */
    private List<Bundle> retiredBundles() {
        Set<Long> serving = new HashSet<>();
        container.managed().forEach(b -> serving.add(b.id));
        List<Bundle> retired = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith("baton:managed:") && !serving.contains(b.getBundleId())) {
                retired.add(b);
            }
        }
        return retired;
    }

    private void uninstallAndRefresh(List<Bundle> bundles) {
        List<Bundle> gone = new ArrayList<>();
        for (Bundle b : bundles) {
            try {
                b.uninstall();
                gone.add(b);
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Could not uninstall {} {}: {}", b.getSymbolicName(), b.getVersion(), e.toString());
            }
        }
        if (!gone.isEmpty()) {
            FrameworkWiring fw = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
            java.util.concurrent.CountDownLatch refreshed = new java.util.concurrent.CountDownLatch(1);
            fw.refreshBundles(gone, e -> refreshed.countDown());
            try {
                refreshed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Set<String> runningDigests() {
        Set<String> running = new HashSet<>();
        for (BundleInfo b : container.managed()) {
            String sha = digests.get(b.symbolicName + "@" + b.version);
            if (sha != null) {
                running.add(sha);
            }
        }
        return running;
    }

    private static SwapRecord record(RecordKind kind, SwapReport report) {
        SwapRecord r = new SwapRecord();
        r.kind = kind;
        copy(report, r);
        r.startedAt = System.currentTimeMillis() - report.totalMicros / 1000;
        r.endedAt = System.currentTimeMillis();
        return r;
    }

    private static void copy(SwapReport report, SwapRecord r) {
        if (r.swapId == null) {
            r.swapId = report.id;
        }
        r.targets = new ArrayList<>();
        for (TargetInfo t : report.targets) {
            r.targets.add(t.symbolicName + ": " + t.fromVersion + " -> " + t.toVersion);
        }
        r.phaseMicros = new LinkedHashMap<>();
        for (PhaseTiming p : report.phases) {
            r.phaseMicros.put(p.phase.name(), p.micros);
        }
        r.pauseMicros = report.pauseMicros;
        r.notes = new ArrayList<>(report.notes);
        r.failure = report.failure;
    }
}
