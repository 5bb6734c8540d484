package io.baton.fleet.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.rules.ExternalResource;

/**
 * A real ZooKeeper ensemble of three servers in this JVM, on loopback and random free ports (Curator's
 * TestingCluster), with a short tick so that a 3 s session timeout is allowed. Its start is retried
 * once: a random port can be taken between its choice and its use (TOOLCHAIN.md trap 6). A JUnit
 * rule: {@code @ClassRule} to share one per class, {@code @Rule} for one per test (tests that kill servers).
 */
public final class Ensemble extends ExternalResource {
    public static final int TICK_MILLIS = 500;
    private TestingCluster cluster;
    private List<InstanceSpec> specs;

    @Override
    protected void before() throws Exception {
        Exception first = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            List<InstanceSpec> specs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                specs.add(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MILLIS, -1,
                        Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"));
            }
            TestingCluster candidate = new TestingCluster(specs);
            try {
                candidate.start();
                this.cluster = candidate;
                this.specs = specs;
                return;
            } catch (Exception e) {
                first = first == null ? e : first;
                candidate.close();
            }
        }
        throw first;
    }

    /** @return the connect string naming every server */
    public String connectString() {
        return cluster.getConnectString();
    }

    /** @return the connect string of server {@code i} alone (a client that loses it loses ZooKeeper) */
    public String connectString(int i) {
        return specs.get(i).getConnectString();
    }

    public void kill(int i) throws Exception {
        cluster.killServer(specs.get(i));
    }

    public void restart(int i) throws Exception {
        cluster.restartServer(specs.get(i));
    }

    @Override
    protected void after() {
        try {
            cluster.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
