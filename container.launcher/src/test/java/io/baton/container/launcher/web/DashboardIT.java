package io.baton.container.launcher.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard as a person uses it, in Debian's headless Chromium against a real {@code baton.jar run}
 * serving the example cart under traffic: the token opens it; a swap made elsewhere appears live (TRIAL,
 * countdown, detector readings, a mark on the chart); Roll back shows what it will do, then does it, and
 * the history changes; Plan, Swap and Commit work the same way. Screenshots go to {@code baton.screenshots}
 * (docs/images holds the ones the operations guide shows).
 */
public class DashboardIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aPersonLogsInSeesASwapArriveLiveRollsItBackAndSeesTheHistoryChange() throws Exception {
        try (RunningBaton baton = RunningBaton.start(tmp.getRoot().toPath())) {
            baton.ctl("baton:deploy io.baton.example.cart.impl@2.0.0 io.baton.example.cart.web");
            try (CartTraffic traffic = new CartTraffic(baton.http); Browser browser = Browser.start(tmp.getRoot().toPath(), 1400, 1500)) {
                WebDriver page = browser.driver;

                // without the token: the login form; a wrong token is refused there
                page.get(baton.baton("").toString());
                assertEquals("Baton: log in", page.getTitle());
                logIn(page, "not-the-token");
                browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Wrong token"));

                // with it: the dashboard, live
                logIn(page, baton.token);
                browser.waiting(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("framework"), "org.apache.felix.framework 7.0.5"));
                browser.waiting(20).until(d -> rows(d, "managed").stream().anyMatch(r -> r.contains("io.baton.example.cart.impl 2.0.0")));
                browser.waiting(20).until(d -> rows(d, "calls").stream().anyMatch(r -> r.matches("io\\.baton\\.example\\.cart\\.impl\\|cart \\* 2\\.0\\.0 [1-9][0-9]*\\.\\d .*")));
                assertEquals("none", text(page, "trial-id"));
                // a few seconds of traffic on the chart before anything happens (for the eye and the screenshots)
                browser.waiting(30).until(d -> points(d) >= 6);
                browser.screenshot("dashboard");

                // a swap made elsewhere (here through the REST API) appears without a reload
                JsonNode swap = WebApiIT.json(baton.post("api/swap", "{\"targets\": [\"" + RunningBaton.example("example.cart.impl.v3", "3.0.0")
                        + "\"], \"probationMillis\": 600000}"), 200);
                assertEquals(swap.toString(), "SWAPPED", swap.path("status").asText());
                String swapId = swap.path("id").asText();
                browser.waiting(20).until(ExpectedConditions.textToBe(By.id("trial-id"), swapId));
                assertTrue(text(page, "trial-targets"), text(page, "trial-targets").contains("io.baton.example.cart.impl: 2.0.0 \u2192 3.0.0"));
                assertTrue("probation countdown", text(page, "countdown").matches("\\d+ s"));
                browser.waiting(20).until(d -> rows(d, "detectors").stream().anyMatch(r -> r.startsWith("error-rate io.baton.example.cart.impl|cart")));
                assertTrue(rows(page, "detectors").toString(), rows(page, "detectors").stream().anyMatch(r -> r.startsWith("bundle io.baton.example.cart.impl 3.0.0 ACTIVE ACTIVE ok")));
                browser.waiting(20).until(d -> marks(d).contains(swapId + " swapped, in TRIAL"));
                browser.waiting(20).until(d -> rows(d, "history").stream().anyMatch(r -> r.startsWith("1 SWAP TRIAL " + swapId)));
                browser.waiting(20).until(d -> rows(d, "calls").stream().anyMatch(r -> r.contains("io.baton.example.cart.impl|cart * 3.0.0")));
                browser.screenshot("dashboard-trial");

                // Roll back: first what it would do, and nothing changes until it is confirmed
                page.findElement(By.id("btn-rollback")).click();
                browser.waiting(5).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
                assertEquals("Roll back " + swapId + " to cp-1?", text(page, "confirm-title"));
                assertTrue(text(page, "confirm-body"), text(page, "confirm-body").startsWith("io.baton.example.cart.impl: 3.0.0 \u2192 2.0.0"));
                assertEquals("still in TRIAL until confirmed", swapId, WebApiIT.json(baton.get("api/trial"), 200).path("trial").path("swapId").asText());
                browser.screenshot("dashboard-rollback-confirm");
                page.findElement(By.id("confirm-go")).click();
                browser.waiting(30).until(ExpectedConditions.textToBe(By.id("trial-id"), "none"));
                browser.waiting(20).until(d -> rows(d, "history").stream().anyMatch(r -> r.startsWith("2 ROLLBACK DONE " + swapId + " cp-1")));
                assertTrue(rows(page, "history").toString(), rows(page, "history").stream().anyMatch(r -> r.startsWith("1 SWAP ROLLED_BACK " + swapId)));
                browser.waiting(20).until(d -> marks(d).contains(swapId + " rolled back (manual)"));
                browser.waiting(20).until(d -> rows(d, "managed").stream().anyMatch(r -> r.contains("io.baton.example.cart.impl 2.0.0")));
                assertTrue(text(page, "result"), text(page, "result").startsWith("Rollback: DONE"));
                long seen = points(page);
                browser.waiting(30).until(d -> points(d) >= seen + 3);
                browser.screenshot("dashboard-rolled-back");

                // Plan is a dry run; Swap shows the plan before it acts; Commit asks too
                WebElement targets = page.findElement(By.id("targets"));
                targets.clear();
                targets.sendKeys(RunningBaton.example("example.cart.impl.v3", "3.0.0"));
                page.findElement(By.id("btn-plan")).click();
                browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("confirm-body"), ": PLANNED"));
                assertFalse("a plan has nothing to confirm", page.findElement(By.id("confirm-go")).isDisplayed());
                page.findElement(By.id("confirm-cancel")).click();
                assertEquals("none", text(page, "trial-id"));
                page.findElement(By.id("btn-swap")).click();
                browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("confirm-body"), "bundle   io.baton.example.cart.impl 2.0.0 \u2192 3.0.0"));
                page.findElement(By.id("confirm-go")).click();
                browser.waiting(30).until(d -> text(d, "trial-id").startsWith("swap-") && !text(d, "trial-id").equals(swapId));
                page.findElement(By.id("btn-commit")).click();
                browser.waiting(5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("confirm-title"), "Commit swap-"));
                page.findElement(By.id("confirm-go")).click();
                browser.waiting(30).until(ExpectedConditions.textToBe(By.id("trial-id"), "none"));
                browser.waiting(20).until(d -> rows(d, "history").stream().anyMatch(r -> r.matches("\\d+ COMMIT DONE swap-\\d+ cp-2 .*")));
                browser.waiting(20).until(d -> rows(d, "managed").stream().anyMatch(r -> r.contains("io.baton.example.cart.impl 3.0.0")));
                browser.waiting(20).until(d -> marks(d).stream().anyMatch(m -> m.endsWith(" committed")));
            } finally {
                // the container's log, should anything above have failed
                System.out.println(baton.log());
            }
        }
    }

    static void logIn(WebDriver page, String token) {
        WebElement field = page.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        page.findElement(By.id("login")).click();
    }

    static String text(WebDriver page, String id) {
        return page.findElement(By.id(id)).getText().strip();
    }

    /**
     * The rows of a table's body as their cells' text joined by single spaces, read in one script: the
     * page redraws its tables every second, so elements found one by one may be gone when read.
     */
    @SuppressWarnings("unchecked")
    static List<String> rows(WebDriver page, String tableId) {
        return (List<String>) ((JavascriptExecutor) page).executeScript("return Array.from(document.querySelectorAll(arguments[0])).map("
                + "r => Array.from(r.cells).map(c => c.textContent.trim()).join(' ').replace(/\\s+/g, ' ').trim());", "#" + tableId + " tbody tr");
    }

    /** The most points any service has on the calls chart (one a second). */
    private static long points(WebDriver page) {
        Object n = ((JavascriptExecutor) page).executeScript(
                "return Math.max(0, ...Chart.getChart('chart-calls').data.datasets.map(d => d.data.length));");
        return ((Number) n).longValue();
    }

    /** The labels of the marks on the calls chart (Chart.js annotations). */
    @SuppressWarnings("unchecked")
    private static List<String> marks(WebDriver page) {
        Object annotations = ((JavascriptExecutor) page).executeScript(
                "return Object.values(Chart.getChart('chart-calls').options.plugins.annotation.annotations).map(a => a.label.content);");
        return annotations instanceof List ? (List<String>) annotations : List.of(String.valueOf(annotations));
    }
}
