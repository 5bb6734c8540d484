package io.baton.container.launcher.internal;

import io.baton.container.launcher.BatonContainer;
import io.baton.fleet.agent.FleetAgent;
import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.GogoLocalNode;
import io.baton.fleet.agent.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Hashtable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a fleet agent (module fleet.agent, on the class path of {@code baton.jar} only) on a running
 * container: the agent drives the container through its own Gogo commands, as {@code ctl} does.
 *
 * <p>It also hands the agent's view of the fleet to the container's dashboard. The agent lives outside
 * the framework and no bundle can see its classes, so the view crosses as a {@code Supplier<String>} of
 * JSON (a {@code java.*} type every bundle shares) registered by the system bundle with the property
 * {@value #VIEW_PROPERTY}={@value #VIEW_FLEET}; container.web serves it as {@code GET /baton/api/fleet}.
 */
public final class FleetWiring {
    /** The service property that marks the fleet view; container.web selects it with this filter. */
    public static final String VIEW_PROPERTY = "baton.view";
    public static final String VIEW_FLEET = "fleet";
    private static final Logger LOG = LoggerFactory.getLogger(FleetWiring.class);
    private static final Duration READY = Duration.ofSeconds(30);

    private FleetWiring() {}

    /**
     * @throws io.baton.fleet.agent.FleetException.FleetUsageException if the fleet cannot be reached or used
     */
    public static FleetAgent start(BatonContainer baton, FleetConfig config) {
        baton.awaitCommands(READY);
        FleetAgent agent = FleetAgent.start(config, new GogoLocalNode(baton::execute));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(VIEW_PROPERTY, VIEW_FLEET);
        props.put("service.description", "Baton fleet agent " + agent.nodeId() + ": its view of the fleet as JSON");
        Supplier<String> view = () -> new String(Json.bytes(agent.view()), StandardCharsets.UTF_8);
        baton.context().registerService(Supplier.class, view, props);
        LOG.debug("Fleet view of {} registered for the dashboard", agent.nodeId());
        return agent;
    }
}
