package io.baton.container.rollback.internal;

import io.baton.container.rollback.SwapRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts {@code io/baton/lifecycle/<STATE>} with the record's id, checkpoint, detector and evidence, when EventAdmin is there. */
final class LifecycleEvents {
    private final Supplier<EventAdmin> eventAdmin;

    LifecycleEvents(Supplier<EventAdmin> eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void post(String state, SwapRecord r) {
        EventAdmin admin = eventAdmin.get();
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
        admin.postEvent(new Event("io/baton/lifecycle/" + state, props));
    }
}
