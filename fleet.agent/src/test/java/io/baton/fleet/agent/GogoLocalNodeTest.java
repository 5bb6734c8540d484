package io.baton.fleet.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The Gogo-backed node reads the shell's --json answers, with log lines before them, and maps failures. */
public class GogoLocalNodeTest {
    private final List<String> commands = new ArrayList<>();

    private GogoLocalNode node(Map<String, String> answers) {
        return new GogoLocalNode(line -> {
            commands.add(line);
            for (Map.Entry<String, String> a : answers.entrySet()) {
                if (line.startsWith(a.getKey())) {
                    return a.getValue();
                }
            }
            throw new IllegalStateException("CommandNotFoundException: Command not found: " + line.split(" ")[0]);
        });
    }

    @Test
    public void aPlanAnswerAfterLogLinesIsRead() {
        LocalNode.Plan plan = node(Map.of("baton:plan", "06:13:14.227 [pipe] INFO SwapRun - Swap plan-1 VALIDATE took 22668 us\n"
                + "{\"status\":\"PLANNED\",\"targets\":[{\"symbolicName\":\"cart\",\"fromVersion\":\"1.0.0\",\"toVersion\":\"2.0.0\"}]}\n"))
                .plan(List.of("cart@2.0.0"));
        assertTrue(plan.ok);
        assertEquals("2.0.0", plan.versions.get("cart")[1]);
        assertEquals("baton:plan --json 'cart@2.0.0'", commands.get(0));
    }

    @Test
    public void aRefusedSwapAndAnUnknownNameAreFailuresNotExceptions() {
        GogoLocalNode node = node(Map.of("baton:swap", "{\"id\":\"swap-3\",\"status\":\"REFUSED\",\"failure\":\"VALIDATE: no chain\"}"));
        LocalNode.SwapResult swap = node.swap(List.of("cart@2.0.0"), Duration.ofSeconds(5));
        assertEquals("REFUSED: VALIDATE: no chain", swap.failure);
        assertEquals("baton:swap --json --probation 5000ms 'cart@2.0.0'", commands.get(0));
        LocalNode.Plan plan = node(Map.of()).plan(List.of("nosuch@1"));
        assertTrue(plan.failure, !plan.ok && plan.failure.contains("baton:plan"));
    }

    @Test
    public void theVerdictComesFromTheSwapsHistoryRecord() {
        GogoLocalNode node = node(Map.of("baton:history", "[{\"kind\":\"ROLLBACK\",\"swapId\":\"swap-2\",\"state\":\"DONE\"},"
                + "{\"kind\":\"SWAP\",\"swapId\":\"swap-2\",\"state\":\"ROLLED_BACK\",\"checkpointId\":\"cp-1\",\"detector\":\"error-rate\","
                + "\"evidence\":\"error rate 24%\"},{\"kind\":\"SWAP\",\"swapId\":\"swap-1\",\"state\":\"COMMITTED\"}]"));
        LocalNode.Verdict failed = node.verdict("swap-2");
        assertEquals(LocalNode.Verdict.Kind.FAILED, failed.kind);
        assertEquals("cp-1", failed.checkpointId);
        assertTrue(failed.detail, failed.detail.contains("error-rate") && failed.detail.contains("24%"));
        assertEquals(LocalNode.Verdict.Kind.PASSED, node.verdict("swap-1").kind);
        assertEquals(LocalNode.Verdict.Kind.UNKNOWN, node.verdict("swap-9").kind);
    }

    @Test
    public void metricsComeFromBatonCallsOneRowPerFacadeAndOperation() {
        GogoLocalNode node = node(Map.of("baton:calls", "[main] INFO x - log line\n[{\"identity\":\"cart|svc\",\"symbolicName\":\"cart\","
                + "\"version\":\"1.0.0\",\"operation\":\"add\",\"calls\":5,\"failures\":1,\"p99Nanos\":-1,\"since\":0}]"));
        OperationMetrics m = node.metrics().get(0);
        assertEquals("add", m.operation);
        assertEquals(5, m.calls);
        assertEquals(1, m.failures);
        assertNull(node(Map.of("baton:status", "{\"managed\":[],\"trial\":null}")).trialSwapId());
    }
}
