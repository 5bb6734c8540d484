package io.baton.fleet.agent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the fleet lives and who this process is in it. Fluent and not thread-safe; {@link #check()}
 * validates every field and names the first bad one.
 */
public final class FleetConfig {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9][A-Za-z0-9._-]*)+");

    private String connectString;
    private String path = "/baton";
    private String nodeId;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String digest;
    private Duration sessionTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private final Map<String, String> clientProperties = new LinkedHashMap<>();
    private boolean pinServers;

    /** ZooKeeper connect string, e.g. {@code zk1:2181,zk2:2181,zk3:2181} (a TLS port with {@link #clientProperty}). */
    public FleetConfig connectString(String connectString) {
        this.connectString = Objects.requireNonNull(connectString, "connectString");
        return this;
    }

    /** The fleet's znode, e.g. {@code /baton/shop}; everything of the fleet lives under it. */
    public FleetConfig path(String path) {
        this.path = Objects.requireNonNull(path, "path");
        return this;
    }

    /** This node's id (agents only), unique in the fleet. */
    public FleetConfig nodeId(String nodeId) {
        this.nodeId = nodeId;
        return this;
    }

    /** A scheduling label (e.g. {@code zone=eu-1}); agents only. */
    public FleetConfig label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /**
     * {@code user:password} of the fleet's digest identity: every znode the fleet creates gets an ACL
     * that grants everything to that identity and nothing to anyone else. Null: open ACL (a WARN says so).
     */
    public FleetConfig digest(String userColonPassword) {
        this.digest = userColonPassword;
        return this;
    }

    /** ZooKeeper session timeout (default 10 s): how long a dead node keeps its registration and lease. */
    public FleetConfig sessionTimeout(Duration sessionTimeout) {
        this.sessionTimeout = Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        return this;
    }

    /** Bound on the wait for a first connection (default 10 s). */
    public FleetConfig connectTimeout(Duration connectTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        return this;
    }

    /** A ZooKeeper client property, e.g. {@code zookeeper.client.secure=true} and the {@code zookeeper.ssl.*} stores for TLS. */
    public FleetConfig clientProperty(String key, String value) {
        clientProperties.put(key, value);
        return this;
    }

    /**
     * True: use only the servers of the connect string. False (the default): Curator also follows the
     * ensemble's own list of servers ({@code /zookeeper/config}) as it changes. Pin when the addresses
     * the servers advertise cannot be reached from here (proxies, NAT, a Kubernetes service).
     */
    public FleetConfig pinServers(boolean pinServers) {
        this.pinServers = pinServers;
        return this;
    }

    public boolean pinServers() {
        return pinServers;
    }

    public String connectString() {
        return connectString;
    }

    public String path() {
        return path;
    }

    public String nodeId() {
        return nodeId;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public String digest() {
        return digest;
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    /**
     * @param agent true to require a node id (an agent), false for an operator's client
     * @return this
     * @throws FleetException.FleetUsageException naming the bad field and what was expected
     */
    public FleetConfig check(boolean agent) {
        if (connectString == null || connectString.isBlank()) {
            throw usage("--fleet: expected a ZooKeeper connect string such as host1:2181,host2:2181,host3:2181");
        }
        if (!PATH.matcher(path).matches()) {
            throw usage("--fleet-path " + path + ": expected an absolute znode path such as /baton/shop (letters, digits, . _ -)");
        }
        if (agent && nodeId == null) {
            throw usage("--node: required with --fleet (this container's id in the fleet, e.g. --node web-1)");
        }
        if (agent && !NAME.matcher(nodeId).matches()) {
            throw usage("--node " + nodeId + ": expected a node id of letters, digits, . _ - (at most 63)");
        }
        labels.forEach((k, v) -> {
            if (!NAME.matcher(k).matches() || v == null || !NAME.matcher(v).matches()) {
                throw usage("--label " + k + "=" + v + ": expected key=value of letters, digits, . _ -");
            }
        });
        if (digest != null && (digest.indexOf(':') < 1 || digest.endsWith(":"))) {
            throw usage("fleet auth: expected user:password");
        }
        if (sessionTimeout.toMillis() < 1000 || connectTimeout.toMillis() < 100) {
            throw usage("session timeout " + sessionTimeout + " / connect timeout " + connectTimeout + ": expected at least 1 s / 100 ms");
        }
        return this;
    }

    private static FleetException.FleetUsageException usage(String message) {
        return new FleetException.FleetUsageException(message, null);
    }
}
