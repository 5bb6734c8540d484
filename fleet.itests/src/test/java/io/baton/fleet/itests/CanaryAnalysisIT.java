package io.baton.fleet.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.NodePhase;
import io.baton.fleet.agent.NodeProgress;
import io.baton.fleet.agent.Rollout;
import io.baton.fleet.agent.RolloutClient;
import io.baton.fleet.agent.RolloutState;
import io.baton.fleet.agent.RolloutStatus;
import io.baton.fleet.agent.TimelineEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.curator.test.InstanceSpec;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Three real containers ({@code baton.jar run --fleet} child JVMs) serving the example cart over
 * HTTP under load. First the faulty cart 3.1.0 (every 4th add fails) is rolled out with a canary of
 * one: the fleet analysis compares the canary's error rate with the old nodes', fails, no batch node
 * is ever admitted, the canary rolls back with its state, the rollout ends ROLLED_BACK and
 * {@code rollout start --wait} exits 1. Then a node whose only ZooKeeper server goes away loses its
 * session mid-rollout: it takes no new work, keeps answering calls, and does its part once back.
 *
 * <p>The nodes' local error-rate detector is switched off ({@code --set rollback:errorRateEnabled=false}),
 * so the canary passes its local probation and commits: what catches the fault is the fleet's analysis,
 * and what undoes it is the rollback of a committed node to the checkpoint of its swap.
 */
public class CanaryAnalysisIT {
    private static final List<String> IDS = List.of("n1", "n2", "n3");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private FleetRig fleet;
    private final Map<String, CartLoad> loads = new LinkedHashMap<>();

    @Before
    public void ensemble() throws Exception {
        fleet = FleetRig.start(tmp.newFolder("fleet").toPath());
    }

    @After
    public void stop() throws Exception {
        for (CartLoad load : loads.values()) {
            load.close();
        }
        fleet.close();
    }

    @Test
    public void theCanaryFailsItsAnalysisAndRollsBackThenANodeWithoutSessionKeepsServing() throws Exception {
        // n3 reaches ZooKeeper through one server only (pinned: not the ensemble's list), so that server's loss takes its session
        InstanceSpec n3Server = fleet.zk.getInstances().iterator().next();
        for (String id : IDS) {
            boolean pinned = id.equals("n3");
            List<String> options = new ArrayList<>(List.of("--set", "rollback:errorRateEnabled=false"));
            if (pinned) {
                options.add("--fleet-pin-servers");
            }
            fleet.node(id, pinned ? n3Server.getConnectString() : fleet.zk.getConnectString(), options);
        }
        for (String id : IDS) {
            fleet.deploy(id, "io.baton.example.cart.api io.baton.example.cart.impl@1.0.0 io.baton.example.cart.web");
            loads.put(id, CartLoad.start(id, fleet.home(id), 40));
        }
        try (RolloutClient client = RolloutClient.connect(new FleetConfig().connectString(fleet.zk.getConnectString()).path("/it"))) {
            FleetRig.await("three registrations", () -> client.nodes().size() == 3);

            // the faulty 3.1.0 with a canary of one: rollout start --wait ends with the rollout, exit 1 for ROLLED_BACK
            Child start = Child.start(fleet.dir, "start-faulty", withFleet(List.of("rollout", "start", "--wait", "--canary", "1",
                    "--batch", "2", "--max-unavailable", "1", "--probation", "4s", "--min-calls", "20", "--progress-deadline", "2m",
                    "io.baton.example.cart.impl@3.1.0")));
            FleetRig.await("the rollout submitted", () -> !client.history().isEmpty());
            String id = client.history().get(0).id;
            while (start.process.isAlive()) {
                // sampled all along: nothing but the canary is ever admitted or leaves PLANNED
                RolloutStatus s = client.status(id);
                assertTrue("only the canary admitted: " + s.rollout.admitted, List.of("n1").containsAll(s.rollout.admitted.keySet()));
                s.progress.forEach((n, p) -> {
                    if (!n.equals("n1")) {
                        assertEquals(n + " is a batch node", NodePhase.PLANNED, p.phase);
                    }
                });
                Thread.sleep(200);
            }
            assertEquals(start.toString(), 1, start.exit());
            assertTrue(start.out(), start.out().contains("ROLLED_BACK"));

            Rollout faulty = client.status(id).rollout;
            assertEquals(faulty.reason, RolloutState.ROLLED_BACK, faulty.state);
            assertEquals(List.of("n1"), new ArrayList<>(faulty.admitted.keySet()));
            TimelineEvent analysis = faulty.timeline.stream().filter(e -> e.event.equals("analysis")).findFirst().orElseThrow();
            assertTrue("the analysis failed on the canary's error rate against the old nodes: " + analysis.detail,
                    analysis.detail.contains("FAIL") && analysis.detail.contains("error rate"));
            NodeProgress canary = client.status(id).progress.get("n1");
            assertEquals("the canary was rolled back after its local commit", NodePhase.ROLLED_BACK, canary.phase);
            assertTrue("the canary's local probation passed: it was the fleet that caught it", canary.verdictAt > 0);
            FleetRig.await("every node registered on 1.0.0", () -> IDS.stream().allMatch(n -> {
                var info = client.nodes().get(n);
                return info != null && "1.0.0".equals(info.managed.get(FleetRig.CART));
            }));
            // failures only on the canary, and only while it ran 3.1.0; every acknowledged add kept through the rollback
            List<CartLoad.Failure> failures = loads.values().stream().flatMap(l -> new ArrayList<>(l.failures).stream()).collect(Collectors.toList());
            assertFalse("the canary's 3.1.0 failed some adds (else nothing was tested)", failures.isEmpty());
            for (CartLoad.Failure f : failures) {
                assertEquals("a failed request outside the canary: " + f, "n1", f.node());
                assertTrue("a failed request outside the canary's trial: " + f,
                        f.at() >= canary.swapStartedAt && f.at() <= canary.rolledBackAt + 1000);
                assertTrue(f.toString(), f.detail().contains("cart 3.1.0 fault"));
            }
            for (CartLoad load : loads.values()) {
                assertNull(load.missingWrites());
                load.failures.clear();
            }
            Child history = fleet.cli("history-faulty", List.of("rollout", "history", id));
            assertEquals(history.toString(), 0, history.exit());
            assertTrue(history.out(), history.out().contains("aborting") || history.out().contains("rolled-back"));

            // n3 loses its only server mid-rollout: its session goes, it takes no new work, and it keeps serving
            Child good = fleet.cli("start-good", List.of("rollout", "start", "--canary", "1", "--batch", "1", "--max-unavailable", "1",
                    "--probation", "2s", "--min-calls", "0", "--progress-deadline", "2m", "io.baton.example.cart.impl@2.0.0"));
            assertEquals(good.toString(), 0, good.exit());
            String second = client.history().get(0).id;
            fleet.zk.killServer(n3Server);
            long answeredBefore = loads.get("n3").answered();
            FleetRig.await("n3's session expired", () -> !client.nodes().containsKey("n3"));
            FleetRig.await("n3 admitted while away", () -> client.status(second).rollout.admitted.containsKey("n3"));
            Thread.sleep(3000);
            RolloutStatus away = client.status(second);
            assertEquals("n3 took no work without ZooKeeper", NodePhase.PLANNED, away.progress.get("n3").phase);
            assertEquals(RolloutState.RUNNING, away.rollout.state);
            assertTrue("n3 kept answering calls without ZooKeeper", loads.get("n3").answered() > answeredBefore + 20);
            Child local = Child.run(fleet.dir, "n3-status", List.of("ctl", "--home", fleet.home("n3").toString(), "baton:status"));
            assertTrue(local.out(), local.out().contains("1.0.0"));

            // its server back: n3 registers again, does its part, and the rollout completes with every node on 2.0.0
            fleet.zk.restartServer(n3Server);
            Rollout done = client.await(second, RolloutState::terminal, FleetRig.WAIT);
            assertEquals(done.reason, RolloutState.COMPLETED, done.state);
            FleetRig.await("every node registered on 2.0.0", () -> IDS.stream().allMatch(n -> {
                var info = client.nodes().get(n);
                return info != null && "2.0.0".equals(info.managed.get(FleetRig.CART));
            }));
            for (CartLoad load : loads.values()) {
                load.close();
                assertEquals("no failed request in the good rollout", List.of(), load.failures);
                assertNull(load.missingWrites());
            }
        }
    }

    private List<String> withFleet(List<String> args) {
        List<String> full = new ArrayList<>(args);
        full.addAll(fleet.fleet());
        return full;
    }
}
