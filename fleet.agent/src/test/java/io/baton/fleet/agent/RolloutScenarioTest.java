package io.baton.fleet.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Rollouts over agents with fake nodes, coordinated through a real three-server ensemble: the
 * happy path under a lease of one, a canary that fails its analysis, missing metrics, and a second
 * rollout while one is active.
 */
public class RolloutScenarioTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @ClassRule
    public static final Ensemble zk = new Ensemble();

    @Test
    public void fiveNodesCanaryOneThenBatchesOfTwoNeverMoreThanOneInTrial() throws Exception {
        try (TestFleet fleet = new TestFleet(zk.connectString(), "five")) {
            // zone a comes first in the order, then zone b; within a zone by node id
            for (String n : List.of("n1", "n2")) {
                fleet.agent(n, Map.of("zone", "b"));
            }
            for (String n : List.of("n3", "n4", "n5")) {
                fleet.agent(n, Map.of("zone", "a"));
            }
            RolloutClient client = fleet.client();
            Strategy s = TestFleet.strategy("1", 2, 1);
            s.order = List.of("zone");
            Rollout r = client.start(List.of("cart@2.0.0"), s, "test");
            TestFleet.LeaseSampler leases = fleet.sampleLeases(r.id);

            Rollout done = client.await(r.id, RolloutState::terminal, WAIT);

            assertEquals(done.reason, RolloutState.COMPLETED, done.state);
            assertEquals("canary first, then zone a, then zone b", List.of(List.of("n3"), List.of("n4", "n5"), List.of("n1", "n2")),
                    done.steps.stream().map(st -> st.nodes).collect(java.util.stream.Collectors.toList()));
            fleet.nodes.forEach((n, node) -> {
                assertEquals(n + " on the new version", "2.0.0", node.version("cart"));
                assertEquals(n + " swapped exactly once", 1, node.swaps());
                assertEquals(n + " never rolled back", 0, node.rollbacks());
            });
            assertTrue("the sampler saw nodes in TRIAL", leases.trialSamples.get() > 0);
            assertEquals("samples where a node in TRIAL held no lease, or two were in TRIAL", List.of(), List.copyOf(leases.violations));
            assertTrue("lease participants: at most one holder and one acquirer queued behind it, saw " + leases.max.get(),
                    leases.max.get() <= s.maxUnavailable + 1);
            assertTrue("never more than one node in TRIAL, saw " + FakeNode.MAX_IN_TRIAL.get(), FakeNode.MAX_IN_TRIAL.get() <= 1);
            RolloutStatus status = client.status(r.id);
            status.progress.values().forEach(p -> assertEquals(p.node, NodePhase.PASSED, p.phase));
            List<Long> starts = status.progress.values().stream().map(p -> p.swapStartedAt).sorted().collect(java.util.stream.Collectors.toList());
            assertEquals("the canary swapped before any batch node", starts.get(0).longValue(), status.progress.get("n3").swapStartedAt);
            assertEquals(0, done.failures);
            assertTrue("the active marker is cleared", client.history().stream().noneMatch(x -> !x.state.terminal()));
        }
    }

    @Test
    public void canaryFailingItsAnalysisAbortsBeforeAnyBatchNodeIsAdmitted() throws Exception {
        try (TestFleet fleet = new TestFleet(zk.connectString(), "canary-fails")) {
            FakeNode canary = fleet.agent("n1", Map.of());
            fleet.agent("n2", Map.of());
            fleet.agent("n3", Map.of());
            canary.newVersionErrorRate = 0.3; // its new version fails 30% of the "add" calls; the old one none
            RolloutClient client = fleet.client();
            Rollout r = client.start(List.of("cart@2.0.0"), TestFleet.strategy("1", 2, 1), "test");

            Rollout done = client.await(r.id, RolloutState::terminal, WAIT);

            assertEquals(done.reason, RolloutState.ROLLED_BACK, done.state);
            assertTrue("the evidence names the operation: " + done.reason, done.reason.contains("cart|svc#add"));
            assertEquals("only the canary was ever admitted", List.of("n1"), List.copyOf(done.admitted.keySet()));
            assertEquals(0, fleet.nodes.get("n2").swaps());
            assertEquals(0, fleet.nodes.get("n3").swaps());
            assertEquals("the canary rolled back locally", 1, canary.rollbacks());
            assertEquals("1.0.0", canary.version("cart"));
            assertEquals(NodePhase.ROLLED_BACK, client.status(r.id).progress.get("n1").phase);
        }
    }

    @Test
    public void missingMetricsPauseTheRolloutUntilResumeOrAbort() throws Exception {
        try (TestFleet fleet = new TestFleet(zk.connectString(), "missing")) {
            FakeNode canary = fleet.agent("n1", Map.of());
            fleet.agent("n2", Map.of());
            canary.metricsMissing = true;
            RolloutClient client = fleet.client();
            Strategy s = TestFleet.strategy("1", 1, 1);
            s.inconclusiveLimit = 1;
            Rollout r = client.start(List.of("cart@2.0.0"), s, "test");

            // missing data past inconclusiveLimit: Paused, nothing rolled back, no further node admitted
            Rollout paused = client.await(r.id, st -> st != RolloutState.RUNNING && st != RolloutState.VALIDATING, WAIT);
            assertEquals(paused.reason, RolloutState.PAUSED, paused.state);
            assertTrue(paused.reason, paused.reason.contains("inconclusive"));
            assertEquals(0, canary.rollbacks());
            assertEquals("2.0.0", canary.version("cart"));
            assertEquals(0, fleet.nodes.get("n2").swaps());

            // the data arrives; resume analyses again and the rollout completes
            canary.metricsMissing = false;
            canary.awaitMetricsPublished();
            assertEquals(RolloutState.RUNNING, client.request(r.id, RolloutAction.RESUME, "test", Duration.ofSeconds(10)).state);
            Rollout done = client.await(r.id, RolloutState::terminal, WAIT);
            assertEquals(done.reason, RolloutState.COMPLETED, done.state);
            assertEquals("2.0.0", fleet.nodes.get("n2").version("cart"));

            // the same situation again, ended by abort: the canary rolls back, the other node never swaps
            canary.metricsMissing = true;
            Rollout second = client.start(List.of("cart@3.0.0"), s, "test");
            assertEquals(RolloutState.PAUSED, client.await(second.id, st -> st == RolloutState.PAUSED, WAIT).state);
            assertEquals(RolloutState.ABORTING, client.request(second.id, RolloutAction.ABORT, "test", Duration.ofSeconds(10)).state);
            Rollout aborted = client.await(second.id, RolloutState::terminal, WAIT);
            assertEquals(aborted.reason, RolloutState.ROLLED_BACK, aborted.state);
            assertEquals("2.0.0", canary.version("cart"));
            assertEquals(1, fleet.nodes.get("n2").swaps());
        }
    }

    @Test
    public void aSecondRolloutIsRefusedWhileOneIsActive() throws Exception {
        try (TestFleet fleet = new TestFleet(zk.connectString(), "second")) {
            fleet.agent("n1", Map.of());
            fleet.agent("n2", Map.of());
            RolloutClient client = fleet.client();
            Strategy slow = TestFleet.strategy("1", 1, 1);
            slow.probationMillis = 3000;
            Rollout first = client.start(List.of("cart@2.0.0"), slow, "test");
            try {
                client.start(List.of("cart@3.0.0"), TestFleet.strategy("1", 1, 1), "test");
                fail("a second rollout was accepted");
            } catch (FleetException.RolloutException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(first.id) && e.getMessage().contains("one rollout at a time"));
                assertEquals(1, e.exitCode());
            }
            assertEquals("never two rollouts", 1, client.history().size());
            assertEquals(RolloutState.COMPLETED, client.await(first.id, RolloutState::terminal, WAIT).state);
            // once the first ended, a new one is accepted
            Rollout next = client.start(List.of("cart@3.0.0"), TestFleet.strategy("1", 1, 1), "test");
            assertEquals(RolloutState.COMPLETED, client.await(next.id, RolloutState::terminal, WAIT).state);
        }
    }

    @Test
    public void targetsNoNodeCanResolveAreRefusedBeforeAnyNodeSwaps() throws Exception {
        try (TestFleet fleet = new TestFleet(zk.connectString(), "unresolvable")) {
            fleet.agent("n1", Map.of());
            fleet.agent("n2", Map.of());
            RolloutClient client = fleet.client();
            Rollout r = client.start(List.of("nosuch.bundle@9.0.0"), TestFleet.strategy("1", 1, 1), "test");
            Rollout done = client.await(r.id, RolloutState::terminal, WAIT);
            assertEquals(RolloutState.REFUSED, done.state);
            assertTrue(done.reason, done.reason.contains("nosuch.bundle@9.0.0") && done.reason.contains("n1"));
            fleet.nodes.values().forEach(n -> assertEquals(0, n.swaps()));
            assertTrue(done.admitted.isEmpty());
        }
    }

    @Test
    public void anUnknownRolloutIdIsBadInputNamingTheKnownOnes() throws Exception {
        try (TestFleet fleet = new TestFleet(zk.connectString(), "unknown")) {
            fleet.agent("n1", Map.of());
            RolloutClient client = fleet.client();
            Rollout r = client.start(List.of("cart@2.0.0"), TestFleet.strategy("0", 1, 1), "test");
            client.await(r.id, RolloutState::terminal, WAIT);
            try {
                client.status("r-0000000099");
                fail("an unknown id was accepted");
            } catch (FleetException.FleetUsageException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("r-0000000099") && e.getMessage().contains(r.id));
                assertEquals(2, e.exitCode());
            }
            try {
                client.request(r.id, RolloutAction.PAUSE, "test", Duration.ofSeconds(1));
                fail("an ended rollout was paused");
            } catch (FleetException.RolloutException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("COMPLETED"));
            }
            assertFalse(client.status(null).rollout.state.next().contains(RolloutState.PAUSED));
        }
    }
}
