package io.baton.container.core.internal;

import io.baton.container.core.spi.ComponentDiagnosis;
import io.baton.container.core.spi.Failpoint;
import io.baton.container.core.spi.SwapParticipant;
import io.baton.container.statexfer.StateTransfer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** What a swap works with: Baton's bundle context, the managed bundles and facades, state transfer, and optional services. */
final class SwapEnvironment {
    final BundleContext context;
    final BundleRoles roles;
    final Facades facades;
    final ServiceHiding hiding;
    final RuntimeBundles runtime;
    final StateTransfer stateTransfer;
    private final Supplier<EventAdmin> events;
    private final Supplier<ServiceComponentRuntime> scr;
    private final Supplier<List<SwapParticipant>> participants;

    SwapEnvironment(BundleContext context, ManagedServices managed, StateTransfer stateTransfer,
            Supplier<EventAdmin> events, Supplier<ServiceComponentRuntime> scr, Supplier<List<SwapParticipant>> participants) {
        this.context = context;
        this.roles = managed.roles;
        this.facades = managed.facades;
        this.hiding = managed.hiding;
        this.runtime = managed.runtime;
        this.stateTransfer = stateTransfer;
        this.events = events;
        this.scr = scr;
        this.participants = participants;
    }

    /** @return the participants of this moment (a copy) */
    List<SwapParticipant> participants() {
        return List.copyOf(participants.get());
    }

    void post(String topic, Map<String, ?> properties) {
        EventAdmin admin = events.get();
        if (admin != null) {
            admin.postEvent(new Event(topic, properties));
        }
    }

    /** What DS says about the components of a bundle that are not active, as a message suffix. */
    String componentDiagnosis(Bundle bundle) {
        return ComponentDiagnosis.suffix(scr.get(), bundle);
    }

    /** The bundle's DS components that are not active, by name, with why. */
    Map<String, String> inactiveComponents(Bundle bundle) {
        return ComponentDiagnosis.inactive(scr.get(), bundle);
    }

    void failpoint(String name) {
        Failpoint.reach(context, name);
    }
}
