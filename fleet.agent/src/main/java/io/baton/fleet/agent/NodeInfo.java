package io.baton.fleet.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's registration ({@code <fleet>/nodes/<id>}, ephemeral JSON, refreshed by its agent about once
 * a second): present while the agent's ZooKeeper session lives.
 */
public class NodeInfo {
    public String id;
    public Map<String, String> labels = new LinkedHashMap<>();
    /** Managed bundles: symbolic name -> version. */
    public Map<String, String> managed = new LinkedHashMap<>();
    /** The local swap in TRIAL, or null. */
    public String trial;
    /** SERVING, or DEGRADED with the reason when the container cannot be read. */
    public String health = "SERVING";
    /** The node's last rollout verdict, e.g. {@code r-0000000003 PASSED}. */
    public String lastVerdict;
    public List<OperationMetrics> metrics = new ArrayList<>();
    public long pid;
    public long updatedAt;
}
