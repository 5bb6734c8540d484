package io.baton.fleet.agent;

/**
 * Calls to one operation (method) of one facade on one node, since its current implementation began
 * to serve: the shape of {@code baton:calls --json}. {@code operation} is {@code "*"} when the node
 * can only count per facade (containers without {@code baton:calls}).
 */
public class OperationMetrics {
    /** Baton service identity, e.g. {@code io.baton.example.cart.impl|cart}. */
    public String identity;
    public String symbolicName;
    public String version;
    /** Method name, or {@code "*"} for all of the facade's methods together. */
    public String operation;
    public long calls;
    public long failures;
    /** 99th percentile of sampled durations, nanoseconds; -1 with too few samples. */
    public long p99Nanos = -1;
    /** When this implementation began to serve, milliseconds since the epoch. */
    public long since;

    public OperationMetrics() {}

    public OperationMetrics(String identity, String symbolicName, String version, String operation, long calls, long failures,
            long p99Nanos, long since) {
        this.identity = identity;
        this.symbolicName = symbolicName;
        this.version = version;
        this.operation = operation;
        this.calls = calls;
        this.failures = failures;
        this.p99Nanos = p99Nanos;
        this.since = since;
    }

    /** @return {@code identity#operation}, the key metrics are compared by */
    public String key() {
        return identity + "#" + operation;
    }

    @Override
    public String toString() {
        return key() + " " + symbolicName + " " + version + ": " + failures + "/" + calls + " failed, p99 " + p99Nanos + " ns";
    }
}
