package io.baton.fleet.agent.cli;

import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.FleetException.FleetUsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the fleet is and how to get in: shared by {@code run --fleet} (the agent) and {@code rollout}
 * (the operator). Credentials come from a file (or the {@code BATON_FLEET_AUTH} environment variable),
 * never from the command line, where other users could read them.
 */
public final class FleetOptions {
    @Option(names = "--fleet", paramLabel = "CONNECT", description = "ZooKeeper connect string, e.g. zk1:2181,zk2:2181,zk3:2181")
    public String connect;

    @Option(names = "--fleet-path", paramLabel = "ZNODE", defaultValue = "/baton",
            description = "the fleet's znode; everything of the fleet lives under it (default: ${DEFAULT-VALUE})")
    String path = "/baton";

    @Option(names = "--fleet-auth-file", paramLabel = "FILE",
            description = "file holding the fleet's digest credentials user:password (or set BATON_FLEET_AUTH); without: open ACL")
    Path authFile;

    @Option(names = "--fleet-connect-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "bound on the wait for ZooKeeper (default: ${DEFAULT-VALUE})")
    Duration connectTimeout = Duration.ofSeconds(10);

    @Option(names = "--fleet-pin-servers",
            description = "use only the servers of --fleet, not the ensemble's own server list (servers behind proxies or NAT)")
    boolean pinServers;

    @Option(names = "--fleet-truststore", paramLabel = "FILE",
            description = "TLS: trust store (PKCS12/JKS) for a connect string that names TLS ports; password in BATON_FLEET_TRUSTSTORE_PASSWORD")
    Path trustStore;

    @Option(names = "--fleet-keystore", paramLabel = "FILE",
            description = "TLS: client key store for servers that require client certificates; password in BATON_FLEET_KEYSTORE_PASSWORD")
    Path keyStore;

    /** @return true if {@code --fleet} was given */
    public boolean enabled() {
        return connect != null;
    }

    /** @return the fleet config these options describe (not yet checked) */
    public FleetConfig config() {
        FleetConfig config = new FleetConfig().connectString(connect == null ? "" : connect).path(path).connectTimeout(connectTimeout)
                .pinServers(pinServers);
        String auth = System.getenv("BATON_FLEET_AUTH");
        if (authFile != null) {
            try {
                auth = Files.readString(authFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new FleetUsageException("--fleet-auth-file " + authFile + ": cannot read it (" + e.getMessage() + ")", e);
            }
        }
        if (auth != null && !auth.isEmpty()) {
            config.digest(auth);
        }
        if (trustStore != null) {
            config.clientProperty("zookeeper.client.secure", "true")
                    .clientProperty("zookeeper.clientCnxnSocket", "org.apache.zookeeper.ClientCnxnSocketNetty")
                    .clientProperty("zookeeper.ssl.trustStore.location", trustStore.toString());
            secret("BATON_FLEET_TRUSTSTORE_PASSWORD", "zookeeper.ssl.trustStore.password", config);
        }
        if (keyStore != null) {
            config.clientProperty("zookeeper.ssl.keyStore.location", keyStore.toString());
            secret("BATON_FLEET_KEYSTORE_PASSWORD", "zookeeper.ssl.keyStore.password", config);
        }
        return config;
    }

    private static void secret(String env, String property, FleetConfig config) {
        String value = System.getenv(env);
        if (value != null) {
            config.clientProperty(property, value);
        }
    }
}
