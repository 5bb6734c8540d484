package io.baton.fleet.agent.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.fleet.agent.NodeInfo;
import io.baton.fleet.agent.OperationMetrics;
import io.baton.fleet.agent.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Per-operation analysis: new nodes against old nodes (or the baseline), and what counts as missing data. */
public class MetricsAnalysisTest {
    private static final Map<String, String> TARGET = Map.of("cart", "2.0.0");
    private final Strategy strategy = new Strategy();

    private static NodeInfo node(String version, long addCalls, long addFailures, long getCalls, long p99) {
        NodeInfo n = new NodeInfo();
        n.metrics.add(new OperationMetrics("cart|svc", "cart", version, "add", addCalls, addFailures, p99, 0));
        n.metrics.add(new OperationMetrics("cart|svc", "cart", version, "get", getCalls, 0, p99, 0));
        return n;
    }

    private MetricsAnalysis.Result analyse(NodeInfo fresh, List<NodeInfo> old) {
        Map<String, NodeInfo> news = new LinkedHashMap<>();
        news.put("n1", fresh);
        return MetricsAnalysis.analyse(news, old, new ArrayList<>(), TARGET, strategy);
    }

    @Test
    public void aReleaseFailingOneOperationIsCaughtUnderReadHeavyTraffic() {
        // 25% of writes fail, but reads are 95% of the traffic: pooled it would be 1.25%
        MetricsAnalysis.Result r = analyse(node("2.0.0", 100, 25, 1900, 100_000), List.of(node("1.0.0", 100, 0, 1900, 100_000)));
        assertEquals(r.toString(), MetricsAnalysis.Verdict.FAIL, r.verdict);
        assertTrue(r.evidence, r.evidence.startsWith("cart|svc#add: error rate 25.0%"));
    }

    @Test
    public void theSameErrorRateAsTheOldVersionPasses() {
        MetricsAnalysis.Result r = analyse(node("2.0.0", 100, 3, 100, 100_000), List.of(node("1.0.0", 100, 3, 100, 100_000)));
        assertEquals(r.toString(), MetricsAnalysis.Verdict.PASS, r.verdict);
    }

    @Test
    public void aSlowerP99AboveTheFloorFails() {
        MetricsAnalysis.Result r = analyse(node("2.0.0", 100, 0, 100, 9_000_000), List.of(node("1.0.0", 100, 0, 100, 2_000_000)));
        assertEquals(MetricsAnalysis.Verdict.FAIL, r.verdict);
        assertTrue(r.evidence, r.evidence.contains("p99"));
    }

    @Test
    public void noMetricsOrTooFewCallsIsInconclusive() {
        NodeInfo none = new NodeInfo();
        assertEquals(MetricsAnalysis.Verdict.INCONCLUSIVE, analyse(none, List.of()).verdict);
        assertEquals(MetricsAnalysis.Verdict.INCONCLUSIVE, analyse(node("2.0.0", 3, 0, 3, -1), List.of()).verdict);
        Map<String, NodeInfo> unregistered = new LinkedHashMap<>();
        unregistered.put("n9", null);
        assertTrue(MetricsAnalysis.analyse(unregistered, List.of(), List.of(), TARGET, strategy).evidence.contains("n9"));
    }

    @Test
    public void withNoOldNodeLeftTheBaselineIsTheReference() {
        Map<String, NodeInfo> news = new LinkedHashMap<>();
        news.put("n1", node("2.0.0", 100, 10, 100, -1));
        MetricsAnalysis.Result r = MetricsAnalysis.analyse(news, List.of(), node("1.0.0", 100, 0, 100, -1).metrics, TARGET, strategy);
        assertEquals(MetricsAnalysis.Verdict.FAIL, r.verdict);
        assertTrue(r.evidence, r.evidence.contains("baseline"));
    }
}
