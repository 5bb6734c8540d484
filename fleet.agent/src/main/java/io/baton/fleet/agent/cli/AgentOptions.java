package io.baton.fleet.agent.cli;

import io.baton.fleet.agent.FleetConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}'s fleet options: the fleet ({@link FleetOptions}), this node's id, labels and session timeout. */
public final class AgentOptions {
    @Mixin
    public FleetOptions fleet = new FleetOptions();

    @Option(names = "--node", paramLabel = "ID", description = "this container's node id in the fleet (required with --fleet)")
    String node;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "a scheduling label, e.g. zone=eu-1 (repeatable)")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--fleet-session-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "ZooKeeper session timeout: how long a dead node keeps its registration and lease (default: ${DEFAULT-VALUE})")
    Duration sessionTimeout = Duration.ofSeconds(10);

    /** @return true if {@code --fleet} was given */
    public boolean enabled() {
        return fleet.enabled();
    }

    /** @return the agent's config, checked */
    public FleetConfig config() {
        FleetConfig config = fleet.config().nodeId(node).sessionTimeout(sessionTimeout);
        labels.forEach(config::label);
        return config.check(true);
    }
}
