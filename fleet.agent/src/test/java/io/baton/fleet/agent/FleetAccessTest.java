package io.baton.fleet.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;

/** Bad ways in: no ZooKeeper at the address (bounded wait, clear error), a fleet path under another ACL. */
public class FleetAccessTest {
    @ClassRule
    public static final Ensemble zk = new Ensemble();

    @Test
    public void anUnreachableEnsembleFailsWithinTheConnectTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free, and nobody listens once closed
        }
        long t0 = System.nanoTime();
        try {
            RolloutClient.connect(new FleetConfig().connectString("127.0.0.1:" + port).connectTimeout(Duration.ofSeconds(1)));
            fail("connected to nothing");
        } catch (FleetException.FleetUsageException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("No ZooKeeper server answered at 127.0.0.1:" + port));
            assertEquals(2, e.exitCode());
        }
        assertTrue("bounded wait (generously: the connect timeout is 1 s)", System.nanoTime() - t0 < 30_000_000_000L);
    }

    @Test
    public void aFleetPathUnderAnotherAclIsRefusedWithTheReason() throws Exception {
        String path = "/acl/owned";
        FleetConfig owner = new FleetConfig().connectString(zk.connectString()).path(path).digest("fleet:s3cret");
        try (RolloutClient ok = RolloutClient.connect(owner)) {
            // the owner gets in, and its agents too
            try (FleetAgent agent = FleetAgent.start(new FleetConfig().connectString(zk.connectString()).path(path).digest("fleet:s3cret")
                    .nodeId("n1").sessionTimeout(Duration.ofSeconds(3)), new FakeNode("cart", "1.0.0"))) {
                assertEquals(RolloutState.COMPLETED, ok.await(ok.start(List.of("cart@2.0.0"), TestFleet.strategy("0", 1, 1), "owner").id,
                        RolloutState::terminal, Duration.ofSeconds(30)).state);
            }
        }
        for (FleetConfig intruder : List.of(new FleetConfig().connectString(zk.connectString()).path(path),
                new FleetConfig().connectString(zk.connectString()).path(path).digest("fleet:wrong"))) {
            try {
                RolloutClient.connect(intruder).close();
                fail("got into a fleet path under another ACL");
            } catch (FleetException.FleetUsageException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("ACL") && e.getMessage().contains(path));
            }
            try {
                FleetAgent.start(intruder.nodeId("x1"), new FakeNode("cart", "1.0.0")).close();
                fail("an agent got into a fleet path under another ACL");
            } catch (FleetException.FleetUsageException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("ACL"));
            }
        }
    }

    @Test
    public void badAgentSettingsNameTheOption() {
        for (Map.Entry<FleetConfig, String> c : Map.of(
                new FleetConfig().connectString("x:1"), "--node: required",
                new FleetConfig().connectString("x:1").nodeId("n 1"), "--node n 1",
                new FleetConfig().connectString("x:1").nodeId("n1").path("baton"), "--fleet-path baton",
                new FleetConfig().nodeId("n1"), "--fleet").entrySet()) {
            try {
                c.getKey().check(true);
                fail("accepted: " + c.getValue());
            } catch (FleetException.FleetUsageException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith(c.getValue()));
            }
        }
    }
}
