package io.baton.container.core.internal;

import io.baton.container.statexfer.StateTransfer;
import io.baton.container.core.SwapParticipant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** What a swap works with: Baton's bundle context, the facades, state transfer, and optional services. */
final class SwapEnvironment {
    final BundleContext context;
    final FacadeRegistry registry;
    final StateTransfer stateTransfer;
    private final Supplier<EventAdmin> events;
    private final Supplier<ServiceComponentRuntime> scr;
    private final Supplier<List<SwapParticipant>> participants;

    SwapEnvironment(BundleContext context, FacadeRegistry registry, StateTransfer stateTransfer,
            Supplier<EventAdmin> events, Supplier<ServiceComponentRuntime> scr, Supplier<List<SwapParticipant>> participants) {
        this.participants = participants;
        this.context = context;
        this.registry = registry;
        this.stateTransfer = stateTransfer;
        this.events = events;
        this.scr = scr;
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

    /** What DS says about the components of a bundle that are not active: unsatisfied or failed. */
    String componentDiagnosis(Bundle bundle) {
        ServiceComponentRuntime runtime = scr.get();
        if (runtime == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (ComponentDescriptionDTO d : runtime.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO c : runtime.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    out.append("; component ").append(d.name).append(" failed to activate: ").append(c.failure);
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    out.append("; component ").append(d.name).append(" has an unsatisfied reference");
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    out.append("; component ").append(d.name).append(" lacks its configuration");
                }
            }
            if (!runtime.isComponentEnabled(d)) {
                out.append("; component ").append(d.name).append(" is disabled");
            }
        }
        return out.toString();
    }
}
