package io.baton.fleet.agent.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.baton.fleet.agent.Step;
import io.baton.fleet.agent.Strategy;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;

/** The scheduling function and the cut into canary and batches. */
public class StepPlannerTest {
    private static final Map<String, Map<String, String>> LABELS = Map.of(
            "n1", Map.of("zone", "b", "rack", "2"),
            "n2", Map.of("zone", "a", "rack", "2"),
            "n3", Map.of("zone", "a", "rack", "1"),
            "n4", Map.of("zone", "b", "rack", "1"),
            "n5", Map.of());

    @Test
    public void nodeIdIsTheDefaultOrder() {
        assertEquals(List.of("n1", "n2", "n3", "n4", "n5"), StepPlanner.order(List.of("n5", "n3", "n1", "n4", "n2"), LABELS, List.of()));
    }

    @Test
    public void labelsOrderZoneByZoneThenRackAndUnlabelledNodesLast() {
        assertEquals(List.of("n3", "n2", "n4", "n1", "n5"),
                StepPlanner.order(List.of("n1", "n2", "n3", "n4", "n5"), LABELS, List.of("zone", "rack")));
    }

    @Test
    public void aCanaryThenBatchesCoverEveryNodeOnce() {
        Strategy s = new Strategy();
        s.canary = "1";
        s.batchSize = 2;
        List<Step> steps = StepPlanner.steps(List.of("n1", "n2", "n3", "n4", "n5"), LABELS, s);
        assertEquals(List.of(List.of("n1"), List.of("n2", "n3"), List.of("n4", "n5")), steps.stream().map(x -> x.nodes).collect(Collectors.toList()));
        assertEquals(Step.Kind.CANARY, steps.get(0).kind);
        assertEquals(Step.Kind.BATCH, steps.get(2).kind);
    }

    @Test
    public void aPercentageCanaryRoundsUpAndZeroMeansNone() {
        Strategy s = new Strategy();
        s.canary = "20%";
        assertEquals(1, s.canarySize(3));
        assertEquals(2, s.canarySize(6));
        s.canary = "0";
        assertEquals(0, s.canarySize(5));
        s.batchSize = 3;
        assertEquals(Step.Kind.BATCH, StepPlanner.steps(List.of("a", "b", "c", "d"), Map.of(), s).get(0).kind);
    }

    @Test
    public void badStrategiesNameTheField() {
        Strategy s = new Strategy();
        s.canary = "some";
        expect(s, "canary some");
        s = new Strategy();
        s.maxUnavailable = 0;
        expect(s, "maxUnavailable 0");
        s = new Strategy();
        s.maxErrorRateIncrease = 2;
        expect(s, "maxErrorRateIncrease");
    }

    private static void expect(Strategy s, String text) {
        try {
            s.check();
            fail("accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(text));
        }
    }
}
