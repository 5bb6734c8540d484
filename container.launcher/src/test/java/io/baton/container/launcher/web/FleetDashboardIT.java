package io.baton.container.launcher.web;

import static io.baton.container.launcher.web.DashboardIT.logIn;
import static io.baton.container.launcher.web.DashboardIT.rows;
import static io.baton.container.launcher.web.DashboardIT.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.container.launcher.ChildJvm;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard of a container in a fleet (issue 14: "the dashboard should show fleet rollouts"): a real
 * ZooKeeper server on loopback, {@code baton.jar run --fleet} in a child JVM serving the cart, a rollout
 * submitted with {@code baton.jar rollout start} from another JVM, watched in headless Chromium from the
 * empty fleet to the node in TRIAL holding the lease, to COMPLETED with the node on the new version.
 */
public class FleetDashboardIT {
    private static final String CART = "io.baton.example.cart.impl";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aPersonWatchesARolloutCrossTheFleetFromTheNodesDashboard() throws Exception {
        InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1, Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1");
        try (TestingServer zk = new TestingServer(spec, true);
                RunningBaton baton = RunningBaton.start(tmp.getRoot().toPath(), "--fleet", zk.getConnectString(), "--fleet-path", "/dash",
                        "--node", "n1", "--label", "zone=a")) {
            List<String> fleet = List.of("--fleet", zk.getConnectString(), "--fleet-path", "/dash");
            baton.ctl("baton:deploy " + CART + "@2.0.0 io.baton.example.cart.web");
            try (CartTraffic traffic = new CartTraffic(baton.http); Browser browser = Browser.start(tmp.getRoot().toPath(), 1400, 1700)) {
                WebDriver page = browser.driver;
                page.get(baton.baton("").toString());
                logIn(page, baton.token);

                // the fleet panel appears (only in a container with a fleet agent), with this node and no rollout
                browser.waiting(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("fleet-panel")));
                assertTrue(text(page, "fleet-where"), text(page, "fleet-where").startsWith("/dash \u00b7 this node n1"));
                assertEquals("no rollout yet", text(page, "rollout-id"));
                browser.waiting(20).until(d -> rows(d, "fleet-nodes").stream().anyMatch(r -> r.startsWith("n1 (this) zone=a")
                        && r.contains(CART + " 2.0.0") && r.contains("SERVING")));

                // a rollout submitted elsewhere shows up live: its step, the node in TRIAL holding the lease
                ChildJvm.Result start = baton.baton(concat(List.of("rollout", "start", "--canary", "0", "--batch", "1", "--max-unavailable", "1",
                        "--probation", "6s", "--min-calls", "0", "--progress-deadline", "2m", CART + "@3.0.0"), fleet));
                assertEquals(start.toString(), 0, start.exit);
                JsonNode view = WebApiIT.json(baton.get("api/fleet"), 200);
                String id = view.path("rollout").path("rollout").path("id").asText();
                assertTrue(view.toString(), id.startsWith("r-"));
                browser.waiting(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("rollout-id"), "Rollout " + id + " of " + CART + "@3.0.0"));
                browser.waiting(30).until(d -> rows(d, "fleet-nodes").stream().anyMatch(r -> r.startsWith("n1 (this)") && r.contains(" TRIAL held ")));
                assertEquals("RUNNING", text(page, "rollout-state"));
                assertTrue(rows(page, "fleet-steps").toString(), rows(page, "fleet-steps").get(0).startsWith("1 BATCH n1 ADMITTED"));
                browser.screenshot("dashboard-fleet");

                // the node's local probation passes: the rollout completes and the node shows the new version
                browser.waiting(60).until(ExpectedConditions.textToBe(By.id("rollout-state"), "COMPLETED"));
                browser.waiting(20).until(d -> rows(d, "fleet-nodes").stream().anyMatch(r -> r.startsWith("n1 (this)") && r.contains(CART + " 3.0.0")
                        && r.contains(" PASSED ")));
                assertTrue(rows(page, "fleet-timeline").toString(), rows(page, "fleet-timeline").stream().anyMatch(r -> r.contains(" completed")));
                assertTrue(rows(page, "fleet-steps").toString(), rows(page, "fleet-steps").get(0).startsWith("1 BATCH n1 PASSED"));
                assertEquals("the API says the same", "COMPLETED", WebApiIT.json(baton.get("api/fleet"), 200).path("rollout").path("rollout").path("state").asText());
                assertEquals("no call failed during the rollout", List.of(), traffic.failures);
            } finally {
                System.out.println(baton.log());
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
