package io.baton.container.launcher.internal;

import io.baton.container.launcher.BatonContainer;
import io.baton.fleet.agent.FleetAgent;
import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.GogoLocalNode;
import java.time.Duration;

/**
 * Starts a fleet agent (module fleet.agent, on the class path of {@code baton.jar} only) on a running
 * container: the agent drives the container through its own Gogo commands, as {@code ctl} does.
 */
public final class FleetWiring {
    private static final Duration READY = Duration.ofSeconds(30);

    private FleetWiring() {}

    /**
     * @throws io.baton.fleet.agent.FleetException.FleetUsageException if the fleet cannot be reached or used
     */
    public static FleetAgent start(BatonContainer baton, FleetConfig config) {
        baton.awaitCommands(READY);
        return FleetAgent.start(config, new GogoLocalNode(baton::execute));
    }
}
