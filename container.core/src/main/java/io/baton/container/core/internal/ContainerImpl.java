package io.baton.container.core.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.ContainerStatus;
import io.baton.container.core.SwapParticipant;
import io.baton.container.core.SwapProgress;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.statexfer.StateTransfer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Container} service: status from the framework, swaps through the {@link SwapEngine}. */
@Component(service = Container.class)
public final class ContainerImpl implements Container {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerImpl.class);

    private final BundleContext context;
    private final FacadeRegistry registry;
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
    volatile List<org.osgi.framework.ServiceReference<SwapParticipant>> participants;

    @Activate
    public ContainerImpl(BundleContext context, @Reference FacadeRegistry registry, @Reference StateTransfer stateTransfer) {
        this.context = context;
        this.registry = registry;
        this.engine = new SwapEngine(() -> new SwapEnvironment(context, registry, stateTransfer, () -> eventAdmin, () -> scr,
                () -> participants(context)));
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        LOG.info("Baton container service active in {} {}", system.getSymbolicName(), system.getVersion());
    }

    /** Participant objects got so far, so that each is got once (released when its service goes). */
    private final java.util.Map<org.osgi.framework.ServiceReference<SwapParticipant>, SwapParticipant> participantObjects =
            new java.util.concurrent.ConcurrentHashMap<>();

    private List<SwapParticipant> participants(BundleContext context) {
        List<org.osgi.framework.ServiceReference<SwapParticipant>> refs = participants == null ? List.of() : participants;
        participantObjects.keySet().retainAll(refs);
        List<SwapParticipant> objects = new ArrayList<>();
        for (org.osgi.framework.ServiceReference<SwapParticipant> ref : refs) {
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
        registry.activeBundles().forEach(b -> infos.add(info(b)));
        return infos;
    }

    @Override
    public void restoreAtStart(java.util.Map<String, io.baton.container.statexfer.Snapshot> snapshots) {
        registry.restoreAtStart(snapshots);
    }

    @Override
    public List<io.baton.container.core.CallStats> callStats() {
        return registry.callStats();
    }

    @Override
    public SwapReport plan(SwapRequest request) {
        return engine.plan(request);
    }

    @Override
    public SwapReport swap(SwapRequest request) {
        return engine.swap(request, null);
    }

    @Override
    public SwapReport swap(SwapRequest request, SwapProgress progress) {
        return engine.swap(request, progress);
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
