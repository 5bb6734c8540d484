package io.baton.fleet.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.baton.fleet.agent.internal.FencedWriter;
import io.baton.fleet.agent.internal.FleetPaths;
import io.baton.fleet.agent.internal.Json;
import io.baton.fleet.agent.internal.ZkClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.Rule;
import org.junit.Test;

/**
 * Rollouts while ZooKeeper fails under them: the leader's session lost mid-wave, one server of three
 * killed, two of three killed. Each test has its own ensemble, since it kills servers.
 */
public class FleetFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    @Rule
    public final Ensemble zk = new Ensemble();

    @Test
    public void aNewLeaderResumesWhenTheLeadersSessionIsLostMidWaveAndTheOldLeadersLateWriteIsRejected() throws Exception {
        try (TestFleet fleet = new TestFleet(zk.connectString(), "leader-lost")) {
            // the first agent talks to server 0 only, and leads; the others talk to servers 1 and 2
            fleet.agent(fleet.config("n1").connectString(zk.connectString(0)), Map.of("zone", "z"));
            FleetAgent first = fleet.agents.get("n1");
            awaitTrue("n1 leads", first::leading);
            String others = zk.connectString(1) + "," + zk.connectString(2);
            for (String n : List.of("n2", "n3", "n4")) {
                fleet.agent(fleet.config(n).connectString(others), Map.of("zone", "a"));
            }
            int oldEpoch = first.epoch();
            RolloutClient client = fleet.client();
            Strategy s = TestFleet.strategy("1", 1, 1);
            s.probationMillis = 1500;
            s.order = List.of("zone");
            Rollout r = client.start(List.of("cart@2.0.0"), s, "test");

            // mid-wave: the second step's node is in TRIAL when the leader's only server dies
            awaitTrue("n3 in TRIAL", () -> fleet.nodes.get("n3").trialSwapId() != null);
            zk.kill(0);
            awaitTrue("another agent leads", () -> fleet.agents.values().stream().anyMatch(a -> a != first && a.leading()));
            FleetAgent leader = fleet.agents.values().stream().filter(FleetAgent::leading).findFirst().orElseThrow();
            assertTrue("a newer epoch: " + leader.epoch() + " after " + oldEpoch, leader.epoch() > oldEpoch);

            // the old leader's late write (its epoch) is rejected, and changes nothing
            try (ZkClient late = ZkClient.connect(new FleetConfig().connectString(others).path(fleet.path))) {
                FleetPaths paths = late.paths();
                byte[] before = late.curator().getData().forPath(paths.rollout(r.id));
                Rollout forged = Json.read(before, Rollout.class);
                forged.state = RolloutState.COMPLETED;
                try {
                    new FencedWriter(late.curator(), paths).write(oldEpoch,
                            List.of(late.curator().transactionOp().setData().forPath(paths.rollout(r.id), Json.bytes(forged))));
                    fail("the deposed leader's write went through");
                } catch (FencedWriter.FencedOutException e) {
                    assertTrue(e.getMessage(), e.getMessage().contains("another coordinator"));
                }
                assertTrue("the rollout is not COMPLETED by the forged write",
                        Json.read(late.curator().getData().forPath(paths.rollout(r.id)), Rollout.class).state != RolloutState.COMPLETED
                                || fleet.nodes.get("n1").swaps() == 1);
            }

            // server 0 comes back: n1 rejoins and takes its part; the new leader finishes the rollout
            zk.restart(0);
            Rollout done = client.await(r.id, RolloutState::terminal, WAIT);
            assertEquals(done.reason, RolloutState.COMPLETED, done.state);
            fleet.nodes.forEach((n, node) -> {
                assertEquals(n + " swapped exactly once", 1, node.swaps());
                assertEquals("2.0.0", node.version("cart"));
            });
            assertTrue("the timeline was written by two epochs", done.epoch > oldEpoch);
        }
    }

    @Test
    public void oneServerOfThreeLostTheRolloutGoesOnTwoLostNoAdmissionsUntilQuorumReturns() throws Exception {
        try (TestFleet fleet = new TestFleet(zk.connectString(), "quorum")) {
            for (String n : List.of("n1", "n2", "n3", "n4")) {
                fleet.agent(n, Map.of());
            }
            RolloutClient client = fleet.client();
            Strategy s = TestFleet.strategy("1", 1, 1);
            s.probationMillis = 1000;

            // one of three killed mid-rollout: it continues
            Rollout r = client.start(List.of("cart@2.0.0"), s, "test");
            awaitTrue("n2 in TRIAL", () -> fleet.nodes.get("n2").trialSwapId() != null);
            zk.kill(0);
            Rollout done = client.await(r.id, RolloutState::terminal, WAIT);
            assertEquals(done.reason, RolloutState.COMPLETED, done.state);
            fleet.nodes.forEach((n, node) -> assertEquals(n, 1, node.swaps()));
            zk.restart(0);

            // two of three killed while n2 is in TRIAL: its trial ends locally, nobody else is admitted
            Rollout second = client.start(List.of("cart@3.0.0"), s, "test");
            awaitTrue("n2 in TRIAL", () -> fleet.nodes.get("n2").trialSwapId() != null);
            zk.kill(1);
            zk.kill(2);
            int[] swapsAtLoss = swaps(fleet);
            Thread.sleep(4000); // longer than the session timeout and n2's probation
            assertEquals("no node swapped without quorum", Arrays.toString(swapsAtLoss), Arrays.toString(swaps(fleet)));
            assertEquals("n2's local trial ended on its own (the node kept serving)", null, fleet.nodes.get("n2").trialSwapId());
            assertEquals("3.0.0", fleet.nodes.get("n2").version("cart"));
            fleet.nodes.values().forEach(n -> assertEquals(0, n.rollbacks()));

            // quorum back: the rollout resumes (its deadline is far) and completes
            zk.restart(1);
            zk.restart(2);
            Rollout after = client.await(second.id, RolloutState::terminal, WAIT);
            assertEquals(after.reason, RolloutState.COMPLETED, after.state);
            fleet.nodes.forEach((n, node) -> {
                assertEquals(n + " swapped once per rollout", 2, node.swaps());
                assertEquals("3.0.0", node.version("cart"));
            });
        }
    }

    private static int[] swaps(TestFleet fleet) {
        return fleet.nodes.values().stream().mapToInt(FakeNode::swaps).toArray();
    }

    private static void awaitTrue(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(20);
        }
    }
}
