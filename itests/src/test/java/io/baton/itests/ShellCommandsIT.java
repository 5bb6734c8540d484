package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The baton commands in a real Gogo session: a deploy, plan, swap, history, rollback story, tables and JSON. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT extends SwapTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CommandProcessor processor;

    private String run(String command) throws Exception {
        return new Gogo(processor).run(command);
    }

    private static JsonNode json(String output) {
        try {
            return JSON.readTree(output);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + output, e);
        }
    }

    @Test
    public void theDetectorSettingsAreShownCheckedSetAndResetWithBatonConfig() throws Exception {
        awaitService("(&(osgi.command.scope=baton)(osgi.command.function=config))", 10_000);

        String all = run("baton:config");
        assertTrue(all, all.matches("(?s).*io.baton.rollback +failureLimit +\\(default\\) +0.05 +a number from 0 to 1.*"));

        // typed and bounded: what Gogo's cm could not do from text
        String set = run("baton:config rollback failureLimit=0.2 minCalls=80 healthCheckTags=baton,cart latencyEnabled=true");
        assertTrue(set, set.matches("(?s).*failureLimit +0.2 .*") && set.matches("(?s).*minCalls +80 .*"));
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration("io.baton.rollback", "?");
        assertEquals(0.2, c.getProperties().get("failureLimit"));
        assertEquals(80L, c.getProperties().get("minCalls"));
        assertEquals(Boolean.TRUE, c.getProperties().get("latencyEnabled"));
        assertEquals(java.util.List.of("baton", "cart"), java.util.Arrays.asList((String[]) c.getProperties().get("healthCheckTags")));

        // bad input changes nothing and says what was expected
        for (String[] bad : new String[][] {
                {"baton:config rollback failureLimit=2", "io.baton.rollback failureLimit=2: expected a number from 0 to 1"},
                {"baton:config rollback minCalls=many", "io.baton.rollback minCalls=many: expected a whole number >= 1"},
                {"baton:config rollback latencyEnabled=yes", "expected true or false"},
                {"baton:config rollback noSuchKey=1", "io.baton.rollback has no setting 'noSuchKey'; known: probationMillis,"},
                {"baton:config nothing x=1", "No Baton settings 'nothing'; known: io.baton.rollback"},
                {"baton:config rollback minCalls", "'minCalls': expected key=value"}}) {
            try {
                run(bad[0]);
                fail(bad[0] + " was accepted");
            } catch (Exception e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                assertTrue(root.toString(), root instanceof IllegalArgumentException && root.getMessage().contains(bad[1]));
            }
        }
        assertEquals("nothing changed", 0.2, configurationAdmin.getConfiguration("io.baton.rollback", "?").getProperties().get("failureLimit"));

        JsonNode shown = json(run("baton:config --json rollback"));
        assertTrue(shown.toString(), shown.toString().contains("\"key\":\"minCalls\",\"value\":80"));

        run("baton:config --reset rollback minCalls");
        assertNull(configurationAdmin.getConfiguration("io.baton.rollback", "?").getProperties().get("minCalls"));
        run("baton:config --reset rollback");
        String reset = run("baton:config rollback");
        assertTrue(reset, reset.matches("(?s).*failureLimit +\\(default\\).*"));
    }

    @Inject
    org.osgi.service.cm.ConfigurationAdmin configurationAdmin;

    @Test
    public void deployPlanSwapHistoryAndRollBackFromTheShell() throws Exception {
        awaitService("(&(osgi.command.scope=baton)(osgi.command.function=swap))", 10_000);
        String v2 = jar("example.cart.impl.v2").toString();
        String v3 = jar("example.cart.impl.v3").toString();

        // deploy, as JSON
        JsonNode deployed = json(run("baton:deploy --json " + v2));
        assertEquals("io.baton.example.cart.impl", deployed.get(0).get("symbolicName").asText());
        assertEquals("ACTIVE", deployed.get(0).get("state").asText());

        // plan: table and JSON, nothing changes
        String plan = run("baton:plan " + v3);
        assertTrue(plan, plan.contains(": PLANNED") && plan.matches("(?s).*cart +2 +3 +2->3 .*") && plan.contains("KEPT"));
        JsonNode planJson = json(run("baton:plan --json " + v3));
        assertEquals("PLANNED", planJson.get("status").asText());
        assertEquals("2->3", planJson.get("migrations").get(0).get("chain").get(0).asText());

        // swap with a long probation, then status and history show the TRIAL
        String swap = run("baton:swap --probation 60s --max-pause 2s " + v3);
        assertTrue(swap, swap.contains(": SWAPPED") && swap.contains("TRANSFER") && swap.contains("pause "));
        assertTrue("each phase is printed as it completes, before the report: " + swap,
                swap.matches("(?s)\\s*VALIDATE +\\d+ us  done\n\\s*STAGE +\\d+ us  done\n.*RETIRE +\\d+ us  done\nswap-\\d+: SWAPPED.*"));
        String status = run("baton:status");
        assertTrue(status, status.matches("(?s).*TRIAL: swap-\\d+ \\[io.baton.example.cart.impl: 2.0.0 -> 3.0.0\\], probation ends in \\d+ s.*"));
        assertTrue(status, status.contains("Last checkpoint: cp-1"));
        JsonNode statusJson = json(run("baton:status --json"));
        assertEquals("TRIAL", statusJson.get("trial").get("state").asText());
        String history = run("baton:history");
        assertTrue(history, history.matches("(?s).*\\n1 +SWAP +TRIAL +swap-\\d+ +cp-1 .*"));
        assertEquals(1, json(run("baton:history --json -n 1")).size());
        assertTrue(run("baton:checkpoints"), run("baton:checkpoints").contains("cp-1"));
        assertTrue(run("baton:migrators"), run("baton:migrators").matches("(?s).*cart +3 +2 .*"));

        // a second swap is refused while the first is in TRIAL: the command fails (scripts exit 1) with the one-line cause
        try {
            run("baton:swap " + v2);
            fail("a refused swap fails the command");
        } catch (Exception refused) {
            assertTrue(refused.getMessage(), refused.getMessage().matches("swap-\\d+ REFUSED: VALIDATE: Swap swap-\\d+ is in TRIAL until .*"));
        }
        assertEquals("and the refusal is in history", "REFUSED", json(run("baton:history --json -n 1")).get(0).get("state").asText());

        // roll back by hand
        String rollback = run("baton:rollback");
        assertTrue(rollback, rollback.startsWith("Rollback to cp-1: DONE"));
        assertEquals("2.0.0", json(run("baton:status --json")).get("managed").get(0).get("version").asText());

        // bad input: a clear error, nothing changes
        try {
            run("baton:commit");
            fail("commit with nothing in TRIAL");
        } catch (IllegalStateException e) {
            assertEquals("Nothing to commit: no swap is in TRIAL", e.getMessage());
        }
        try {
            run("baton:swap --probation soon " + v3);
            fail("a bad duration");
        } catch (IllegalArgumentException e) {
            assertEquals("--probation soon: expected a duration like 30s, 500ms or 2m", e.getMessage());
        }
        try {
            run("baton:history -n 0");
            fail("a bad count");
        } catch (IllegalArgumentException e) {
            assertEquals("-n 0: expected at least 1", e.getMessage());
        }
        try {
            run("baton:swap --bogus " + v3);
            fail("an unknown option");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("baton:swap: unknown option --bogus\nusage: baton:swap [--json]"));
        }
        try {
            run("baton:plan");
            fail("a missing target");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("baton:plan: missing target\nusage: baton:plan"));
        }
        assertEquals("2.0.0", json(run("baton:status --json")).get("managed").get(0).get("version").asText());
    }
}
