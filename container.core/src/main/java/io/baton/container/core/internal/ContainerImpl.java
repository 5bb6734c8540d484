package io.baton.container.core.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.ContainerStatus;
import io.baton.container.core.SwapProgress;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.spi.BundleStates;
import io.baton.container.core.spi.CallStats;
import io.baton.container.core.spi.Engine;
import io.baton.container.core.spi.SwapKind;
import io.baton.container.core.spi.SwapParticipant;
import io.baton.container.statexfer.Snapshot;
import io.baton.container.statexfer.StateTransfer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Container} service and, for Baton's own modules, the {@link Engine} SPI: status from the
 * framework, swaps through the {@link SwapEngine}.
 */
@Component(service = {Container.class, Engine.class})
public final class ContainerImpl implements Container, Engine {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerImpl.class);

    private final BundleContext context;
    private final ManagedServices managed;
    private final SwapEngine engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ServiceComponentRuntime scr;

    /**
     * References, not objects: a participant (container.rollback) needs this Container, so getting
     * its object while binding would be circular. Objects are got when a swap runs.
     */
    @Reference(service = SwapParticipant.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<ServiceReference<SwapParticipant>> participants;

    /** Participant objects got so far, so that each is got once (released when its service goes). */
    private final Map<ServiceReference<SwapParticipant>, SwapParticipant> participantObjects = new ConcurrentHashMap<>();

    private final AppCalls apps = new AppCalls();
    private final PauseWatchdog watchdog = new PauseWatchdog();
    private final StateTransfer stateTransfer;

    @Activate
    public ContainerImpl(BundleContext context, @Reference ManagedServices managed, @Reference StateTransfer stateTransfer) {
        this.context = context;
        this.managed = managed;
        this.stateTransfer = stateTransfer;
        this.engine = new SwapEngine(() -> new SwapEnvironment(context, managed, stateTransfer, apps, watchdog, () -> eventAdmin, () -> scr,
                this::participants), new SwapIds(context.getDataFile("swap-ids") == null ? null : context.getDataFile("swap-ids").toPath()));
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        LOG.info("Baton container service active in {} {}", system.getSymbolicName(), system.getVersion());
    }

    @Deactivate
    void deactivate() {
        watchdog.close();
        apps.close();
    }

    private List<SwapParticipant> participants() {
        List<ServiceReference<SwapParticipant>> refs = participants == null ? List.of() : participants;
        participantObjects.keySet().retainAll(refs);
        List<SwapParticipant> objects = new ArrayList<>();
        for (ServiceReference<SwapParticipant> ref : refs) {
            SwapParticipant p = participantObjects.computeIfAbsent(ref, context::getService);
            if (p != null) {
                objects.add(p);
            }
        }
        return objects;
    }

    @Override
    public ContainerStatus status() {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        ContainerStatus status = new ContainerStatus();
        status.framework = system.getSymbolicName();
        status.frameworkVersion = system.getVersion().toString();
        status.timestamp = System.currentTimeMillis();
        Bundle[] bundles = context.getBundles();
        Arrays.sort(bundles, Comparator.comparingLong(Bundle::getBundleId));
        List<BundleInfo> infos = new ArrayList<>(bundles.length);
        for (Bundle b : bundles) {
            infos.add(info(b));
        }
        status.bundles = infos;
        return status;
    }

    @Override
    public List<BundleInfo> deploy(List<String> sources) {
        return engine.deploy(sources);
    }

    @Override
    public List<BundleInfo> managed() {
        List<BundleInfo> infos = new ArrayList<>();
        managed.roles.active().forEach(b -> infos.add(info(b)));
        return infos;
    }

    @Override
    public SwapReport plan(SwapRequest request) {
        return engine.plan(request);
    }

    @Override
    public SwapReport swap(SwapRequest request) {
        return engine.swap(request, SwapKind.SWAP, Map.of(), null);
    }

    @Override
    public SwapReport swap(SwapRequest request, SwapProgress progress) {
        return engine.swap(request, SwapKind.SWAP, Map.of(), progress);
    }

    // ---- Engine SPI ----------------------------------------------------------------------------

    @Override
    public SwapReport swap(SwapRequest request, SwapKind kind, Map<String, Snapshot> restore, SwapProgress progress) {
        return engine.swap(request, kind, restore, progress);
    }

    @Override
    public void watchCalls(long slowNanos, java.util.function.LongConsumer signal) {
        managed.facades.signal.watch(slowNanos, signal);
    }

    @Override
    public List<String> abandonedThreads() {
        List<String> all = new ArrayList<>(apps.abandoned());
        all.addAll(stateTransfer.abandonedThreads());
        return all;
    }

    @Override
    public List<CallStats> callStats() {
        return managed.facades.callStats();
    }

    @Override
    public void restoreAtStart(Map<String, Snapshot> snapshots) {
        managed.facades.restoreBeforePublishing(snapshots);
    }

    static BundleInfo info(Bundle b) {
        BundleInfo info = new BundleInfo();
        info.id = b.getBundleId();
        info.symbolicName = b.getSymbolicName();
        info.version = b.getVersion().toString();
        info.state = BundleStates.name(b.getState());
        info.location = b.getLocation();
        return info;
    }
}
