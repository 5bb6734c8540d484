package io.baton.fleet.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.NodePhase;
import io.baton.fleet.agent.NodeProgress;
import io.baton.fleet.agent.Rollout;
import io.baton.fleet.agent.RolloutClient;
import io.baton.fleet.agent.RolloutState;
import io.baton.fleet.agent.RolloutStatus;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Three real containers ({@code baton.jar run --fleet ...} child JVMs, the example cart deployed from
 * the example index) and the {@code rollout} CLI, against an in-process ensemble of three servers.
 * The node holding the lease is SIGKILLed in its TRIAL: its lease is freed with its session, no other
 * node swaps while it is away (it counts as unavailable), and when it is started again on its home,
 * crash recovery brings back its committed set and the agent reconciles, retries, and the rollout completes.
 */
public class NodeCrashIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private FleetRig fleet;

    @Before
    public void ensemble() throws Exception {
        fleet = FleetRig.start(tmp.newFolder("fleet").toPath());
    }

    @After
    public void stop() throws Exception {
        fleet.close();
    }

    @Test
    public void aNodeKilledHoldingTheLeaseFreesItCountsAsUnavailableAndReconcilesOnRestart() throws Exception {
        // three containers join the fleet, each serving the cart 1.0.0 deployed from the example index
        for (String id : List.of("n1", "n2", "n3")) {
            fleet.node(id);
        }
        for (String id : List.of("n1", "n2", "n3")) {
            fleet.deploy(id, "io.baton.example.cart.api io.baton.example.cart.impl@1.0.0");
        }
        try (RolloutClient client = RolloutClient.connect(new FleetConfig().connectString(fleet.zk.getConnectString()).path("/it"))) {
            FleetRig.await("three registrations", () -> client.nodes().size() == 3);

            // one batch of three, at most one in TRIAL: whoever takes the lease first swaps first
            Child start = fleet.cli("start", List.of("rollout", "start", "--canary", "0", "--batch", "3", "--max-unavailable", "1",
                    "--probation", "8s", "--min-calls", "0", "--progress-deadline", "2m", "io.baton.example.cart.impl@2.0.0"));
            assertEquals(start.toString(), 0, start.exit());
            assertTrue(start.out(), start.out().contains("RUNNING"));
            String id = client.history().get(0).id;

            String[] victim = new String[1];
            FleetRig.await("a node in TRIAL", () -> {
                for (NodeProgress p : client.status(id).progress.values()) {
                    if (p.phase == NodePhase.TRIAL) {
                        victim[0] = p.node;
                        return true;
                    }
                }
                return false;
            });
            fleet.nodes.get(victim[0]).process.destroyForcibly(); // SIGKILL, holding the lease
            fleet.nodes.get(victim[0]).process.waitFor();

            // the lease goes with the dead session; the node counts as unavailable: nobody else swaps meanwhile
            FleetRig.await("lease freed", () -> client.status(id).leaseHolders.isEmpty() && !client.status(id).nodes.containsKey(victim[0]));
            long until = System.currentTimeMillis() + 4000;
            while (System.currentTimeMillis() < until) {
                RolloutStatus s = client.status(id);
                s.progress.forEach((n, p) -> {
                    if (!n.equals(victim[0])) {
                        assertEquals(n + " swapped while " + victim[0] + " was dead in flight", NodePhase.PLANNED, p.phase);
                    }
                });
                assertTrue("at most one lease holder: " + s.leaseHolders, s.leaseHolders.size() <= 1);
                Thread.sleep(100);
            }

            // started again on its home: crash recovery, reconcile (INTERRUPTED), retried, and the rollout completes
            fleet.node(victim[0]);
            Rollout done = client.await(id, RolloutState::terminal, FleetRig.WAIT);
            assertEquals(done.reason, RolloutState.COMPLETED, done.state);
            RolloutStatus s = client.status(id);
            s.progress.forEach((n, p) -> assertEquals(n, NodePhase.PASSED, p.phase));
            assertEquals("the killed node was tried twice", 2, s.progress.get(victim[0]).attempts);
            s.nodes.forEach((n, info) -> assertEquals(n, "2.0.0", info.managed.get("io.baton.example.cart.impl")));
            assertTrue(done.timeline.stream().anyMatch(e -> e.event.equals("completed")));

            // the CLI on the same fleet: status and history as JSON and tables; bad input and refusals
            Child status = fleet.cli("status", List.of("rollout", "status", "--json", id));
            assertEquals(status.toString(), 0, status.exit());
            assertTrue(status.out(), status.out().contains("\"state\" : \"COMPLETED\""));
            Child history = fleet.cli("history", List.of("rollout", "history", id));
            assertEquals(history.toString(), 0, history.exit());
            assertTrue(history.out(), history.out().contains("step-admitted") && history.out().contains("completed"));
            Child unknown = fleet.cli("unknown", List.of("rollout", "status", "r-0000000099"));
            assertEquals(unknown.toString(), 2, unknown.exit());
            assertTrue(unknown.err(), unknown.err().contains("No rollout r-0000000099"));
            Child refused = fleet.cli("refused", List.of("rollout", "start", "--probation", "1s", "io.baton.example.cart.impl@9.9.9"));
            assertEquals(refused.toString(), 1, refused.exit());
            assertTrue(refused.err(), refused.err().contains("REFUSED"));
            for (String n : List.of("n1", "n2", "n3")) {
                assertEquals(n + " still on 2.0.0 after the refused rollout", "2.0.0",
                        client.status(null).nodes.get(n).managed.get("io.baton.example.cart.impl"));
            }
        }
    }
}
