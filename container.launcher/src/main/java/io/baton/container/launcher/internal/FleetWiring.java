package io.baton.container.launcher.internal;

import io.baton.container.core.CallStats;
import io.baton.container.core.Container;
import io.baton.container.launcher.BatonContainer;
import io.baton.fleet.agent.FleetAgent;
import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.GogoLocalNode;
import io.baton.fleet.agent.OperationMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a fleet agent (module fleet.agent, on the class path of {@code baton.jar} only) on a running
 * container: the agent drives the container through its own Gogo commands, as {@code ctl} does.
 * Until the container has {@code baton:calls}, the agent's metrics are the facades' call counts
 * ({@code Container.callStats()}, operation {@code "*"}).
 */
public final class FleetWiring {
    private static final Duration READY = Duration.ofSeconds(30);

    private FleetWiring() {}

    /**
     * @throws io.baton.fleet.agent.FleetException.FleetUsageException if the fleet cannot be reached or used
     */
    public static FleetAgent start(BatonContainer baton, FleetConfig config) {
        baton.awaitCommands(READY);
        Container container = baton.service(Container.class, READY);
        return FleetAgent.start(config, new GogoLocalNode(baton::execute, () -> perFacade(container)));
    }

    static List<OperationMetrics> perFacade(Container container) {
        List<OperationMetrics> rows = new ArrayList<>();
        for (CallStats s : container.callStats()) {
            rows.add(new OperationMetrics(s.identity, s.symbolicName, s.version, "*", s.calls, s.failures, s.p99Nanos, s.since));
        }
        return rows;
    }
}
