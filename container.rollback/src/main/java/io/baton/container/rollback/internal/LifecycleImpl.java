package io.baton.container.rollback.internal;

import io.baton.container.core.Container;
import io.baton.container.core.spi.Engine;
import io.baton.container.core.spi.SwapParticipant;
import io.baton.container.core.spi.SwapTicket;
import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.SwapRecord;
import io.baton.container.statexfer.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollback subsystem as one DS component: it assembles the store, the journal, the trial
 * lifecycle ({@link Trials}), the probation scheduler and the swap participant
 * ({@link TrialParticipant}), runs crash recovery once they exist, and registers {@link Lifecycle} and
 * {@link SwapParticipant}, delegating to them.
 */
@Component(service = {Lifecycle.class, SwapParticipant.class}, configurationPid = RollbackConfig.PID, immediate = true)
@Designate(ocd = RollbackConfig.class)
public final class LifecycleImpl implements Lifecycle, SwapParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleImpl.class);

    @Reference
    Container container;

    @Reference
    Engine engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    ServiceComponentRuntime scr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile HealthCheckExecutor healthCheckExecutor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EventAdmin eventAdmin;

    /** Replaced by {@link #modified}; a probation keeps the configuration it started with. */
    private volatile RollbackConfig config;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final StoreHealth health = new StoreHealth();
    private CheckpointStore store;
    private Journal journal;
    private ProbationScheduler scheduler;
    private Trials trials;
    private TrialParticipant participant;

    @Activate
    void activate(BundleContext context, RollbackConfig config) {
        this.config = config;
        Path dir = context.getDataFile("store").toPath();
        store = new CheckpointStore(dir.resolve("checkpoints"), config.retainCheckpoints(), health);
        journal = new Journal(dir, problems, health);
        Json.warmUp();
        journal.open();
        PinnedJars pins = new PinnedJars(store);
        scheduler = new ProbationScheduler(context, engine);
        Probation.Sources sources = new Probation.Sources(container, engine, context, () -> scr, () -> healthCheckExecutor);
        Trials.Probations probations = (trial, swap) -> new Probation(trial.swapId, trial.probationEndsAt, trial.targets,
                swap == null ? Map.of() : swap.baselines, swap == null ? Map.of() : swap.baselineP99,
                swap == null ? Set.of() : swap.notRequired(), sources, this.config);
        trials = new Trials(context, container, engine, journal, store, pins, scheduler, probations, () -> this.config,
                () -> configurationAdmin, new LifecycleEvents(() -> eventAdmin));
        participant = new TrialParticipant(context, container, engine, journal, store, pins, trials, health, () -> this.config, () -> scr,
                () -> configurationAdmin);
        // before the managed bundles start (they are at a higher start level): the set of the last run that was made permanent
        new Recovery(context, engine, store, journal, health).run();
        LOG.info("Baton rollback active: store {}, probation {} ms", dir, config.probationMillis());
    }

    @Modified
    void modified(RollbackConfig changed) {
        this.config = changed;
        LOG.info("Baton rollback configuration changed: probation {} ms", changed.probationMillis());
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdown();
    }

    // ---- SwapParticipant -----------------------------------------------------------------------

    @Override
    public void admit(SwapTicket swap) {
        participant.admit(swap);
    }

    @Override
    public void installing(String symbolicName, String version, String source, byte[] content) throws Exception {
        participant.installing(symbolicName, version, source, content);
    }

    @Override
    public void quiescing(SwapTicket swap) throws Exception {
        participant.quiescing(swap);
    }

    @Override
    public void prepare(SwapTicket swap, Map<String, Snapshot> exported) throws Exception {
        participant.prepare(swap, exported);
    }

    @Override
    public void swapped(SwapTicket swap) {
        participant.swapped(swap);
    }

    @Override
    public void failed(SwapTicket swap) {
        participant.failed(swap);
    }

    // ---- Lifecycle -----------------------------------------------------------------------------

    @Override
    public SwapRecord trial() {
        return journal.trial();
    }

    @Override
    public SwapRecord commit() {
        return trials.commit();
    }

    @Override
    public SwapRecord rollback() {
        return trials.rollback(new Verdict("manual", "rollback asked for by hand"));
    }

    @Override
    public SwapRecord rollbackTo(String checkpointId) {
        return rollbackTo(checkpointId, false);
    }

    @Override
    public SwapRecord rollbackTo(String checkpointId, boolean allowRefresh) {
        return trials.rollbackTo(checkpointId, allowRefresh, new Verdict("manual", "rollback to " + checkpointId + " asked for by hand"));
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
    public List<String> degraded() {
        return health.damage();
    }

    @Override
    public List<String> acknowledgeDamage() {
        return health.acknowledge();
    }

    @Override
    public List<io.baton.container.rollback.DetectorReading> readings() {
        Probation watched = scheduler.watched();
        return watched == null ? List.of() : watched.readings();
    }

    @Override
    public List<String> storeProblems() {
        List<String> all = new ArrayList<>(problems);
        all.addAll(store.problems());
        return all;
    }
}
