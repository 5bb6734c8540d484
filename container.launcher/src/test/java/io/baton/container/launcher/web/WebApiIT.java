package io.baton.container.launcher.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The REST API and the Prometheus endpoint of a real {@code baton.jar run} over real HTTP: the token
 * guards everything and a refused request changes nothing; bad input is answered with its reason as
 * JSON, never a stack trace; the metrics are scraped and move with a swap and a rollback.
 */
public class WebApiIT {
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBaton baton;

    @BeforeClass
    public static void startAContainerServingTheCart() throws Exception {
        baton = RunningBaton.start(tmp.getRoot().toPath());
        baton.ctl("baton:deploy io.baton.example.cart.impl@2.0.0 io.baton.example.cart.web");
    }

    /** The tests share one container: whatever a failed test left in TRIAL is rolled back, so the others start clean. */
    @After
    public void noSwapLeftInTrial() throws Exception {
        if (!json(baton.get("api/trial"), 200).path("trial").isNull()) {
            baton.post("api/rollback", "{}");
        }
    }

    @AfterClass
    public static void stop() throws Exception {
        if (baton != null) {
            baton.close();
        }
    }

    @Test
    public void withoutTheRightTokenEverythingIs401AndNothingChanges() throws Exception {
        String before = state();
        String v3 = "{\"targets\": [\"" + RunningBaton.example("example.cart.impl.v3", "3.0.0") + "\"]}";
        for (String authorization : new String[] {null, "Bearer wrong-token", "Basic dXNlcjpwYXNz", "Bearer "}) {
            for (String path : List.of("api/status", "api/history", "api/calls", "api/live", "metrics", "", "static/dashboard.js",
                    "webjars/chart.js/4.4.1/dist/chart.umd.js", "no/such/path")) {
                unauthorized(baton.get(path, authorization), "GET /baton/" + path + " with " + authorization);
            }
            for (String path : List.of("api/swap", "api/plan", "api/commit", "api/rollback")) {
                unauthorized(baton.post(path, v3, authorization), "POST /baton/" + path + " with " + authorization);
            }
            // a session cookie that is not the token's is no better
            unauthorized(baton.send(HttpRequest.newBuilder(baton.baton("api/swap")).header("Cookie", "baton_session=0123abcd")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(v3)), authorization), "forged cookie");
        }
        // the context's root without its slash is sent to the page (whose links are relative to it)
        HttpResponse<String> root = baton.send(HttpRequest.newBuilder(baton.http.resolve("/baton")).GET(), null);
        assertEquals(302, root.statusCode());
        assertTrue(root.headers().firstValue("Location").orElse(""), root.headers().firstValue("Location").orElse("").endsWith("/baton/"));
        // a browser opening the page without the token gets the login form, still a 401
        HttpResponse<String> page = baton.send(HttpRequest.newBuilder(baton.baton("")).header("Accept", "text/html").GET(), null);
        assertEquals(401, page.statusCode());
        assertTrue(page.body(), page.body().contains("name=\"token\""));
        // a wrong token at the login form: 401, no cookie
        HttpResponse<String> login = baton.send(HttpRequest.newBuilder(baton.baton("login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=nope")), null);
        assertEquals(401, login.statusCode());
        assertTrue(login.headers().allValues("Set-Cookie").isEmpty());
        assertEquals("nothing changed", before, state());
        // the right token at the login form: a cookie that opens the API, HttpOnly and SameSite=Strict
        HttpResponse<String> ok = baton.send(HttpRequest.newBuilder(baton.baton("login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + baton.token)), null);
        assertEquals(302, ok.statusCode());
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie, cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains(baton.token));
        HttpResponse<String> withCookie = baton.send(HttpRequest.newBuilder(baton.baton("api/status")).header("Cookie", cookie.substring(0, cookie.indexOf(';'))).GET(), null);
        assertEquals(withCookie.body(), 200, withCookie.statusCode());
    }

    @Test
    public void badRequestsAreAnsweredWithTheirReasonAsJsonAndChangeNothing() throws Exception {
        String before = state();
        error(baton.post("api/swap", "{\"targets\": [", "Bearer " + baton.token), 400, "malformed JSON body");
        error(baton.post("api/swap", "[1, 2]"), 400, "the body is a JSON array");
        error(baton.post("api/swap", "{}"), 400, "'targets' must be a non-empty array of strings");
        error(baton.post("api/swap", "{\"targets\": [\"/x.jar\"], \"probation\": \"30s\"}"), 400, "unknown field 'probation'");
        error(baton.post("api/swap", "{\"targets\": [\"/x.jar\"], \"probationMillis\": -5}"), 400, "'probationMillis' must be a whole number of at least 0, was -5");
        error(baton.post("api/plan", "{\"targets\": [\"\"]}"), 400, "every target must be a non-blank string");
        error(baton.post("api/rollback", "{\"checkpoint\": 7}"), 400, "'checkpoint' must be a checkpoint id");
        error(baton.post("api/rollback", "{\"checkpoint\": \"cp-99\"}"), 400, "");
        error(baton.post("api/commit", "{}"), 409, "");
        error(baton.send(HttpRequest.newBuilder(baton.baton("api/swap")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")), "Bearer " + baton.token), 415, "POST /swap needs Content-Type: application/json");
        error(baton.get("api/swap"), 405, "GET is not allowed on /swap; use POST");
        error(baton.post("api/status", "{}"), 405, "POST is not allowed on /status; use GET");
        error(baton.get("api/nothing"), 404, "no such resource: /baton/api/nothing");
        error(baton.get("api/fleet"), 404, "this container runs without a fleet agent (start it with baton.jar run --fleet ...)");
        error(baton.get("api/history?n=0"), 400, "n must be from 1 to 1000, was 0");
        error(baton.get("nowhere"), 404, "no such resource: /baton/nowhere");
        assertEquals("nothing changed", before, state());
        // the dry run answers with the plan and changes nothing either
        JsonNode plan = json(baton.post("api/plan", "{\"targets\": [\"" + RunningBaton.example("example.cart.impl.v3", "3.0.0") + "\"]}"), 200);
        assertEquals(plan.toString(), "PLANNED", plan.path("status").asText());
        assertEquals("3.0.0", plan.path("targets").path(0).path("toVersion").asText());
        assertEquals("nothing changed", before, state());
    }

    @Test
    public void theMetricsAreScrapedOverHttpAndMoveWithASwapAndARollback() throws Exception {
        String scrape = metrics();
        for (String name : List.of("baton_facade_calls_total", "baton_facade_failures_total", "baton_facade_call_duration_seconds_bucket",
                "baton_probation_active", "baton_probation_remaining_seconds", "baton_managed_bundle_info", "baton_swap_pause_seconds_count",
                "# TYPE baton_swaps_total counter", "# TYPE baton_rollbacks_total counter", "# TYPE baton_commits_total counter",
                "# TYPE baton_rollback_failures_total counter", "baton_swaps_total{status=\"aborted\"} 0", "baton_rollbacks_total{detector=\"error-rate\"} 0",
                "# TYPE baton_facade_call_duration_seconds histogram")) {
            assertTrue(name + " in\n" + scrape, scrape.contains(name));
        }
        double swapsBefore = value(scrape, "baton_swaps_total{status=\"swapped\"}");
        double rollbacksBefore = value(scrape, "baton_rollbacks_total{detector=\"manual\"}");
        double pausesBefore = value(scrape, "baton_swap_pause_seconds_count");
        assertEquals(0, value(scrape, "baton_probation_active"), 0);

        // calls through the web front reach the cart's facade: its counter and its histogram grow
        try (CartTraffic traffic = new CartTraffic(baton.http)) {
            awaitCalls("2.0.0", 200);
            JsonNode swap = json(baton.post("api/swap", "{\"targets\": [\"" + RunningBaton.example("example.cart.impl.v3", "3.0.0")
                    + "\"], \"probationMillis\": 600000}"), 200);
            assertEquals(swap.toString(), "SWAPPED", swap.path("status").asText());
            awaitCalls("3.0.0", 200);
            scrape = awaitAtLeast("baton_swaps_total{status=\"swapped\"}", swapsBefore + 1);
            assertEquals(swapsBefore + 1, value(scrape, "baton_swaps_total{status=\"swapped\"}"), 0);
            assertEquals(1, value(scrape, "baton_probation_active"), 0);
            assertTrue(scrape, value(scrape, "baton_probation_remaining_seconds") > 0);
            assertTrue(scrape, scrape.contains("baton_managed_bundle_info{bundle=\"io.baton.example.cart.impl\",version=\"3.0.0\"} 1"));
            // about 1 call in 64 is timed: wait (bounded, the traffic goes on) for the new version's first samples
            awaitAtLeast("baton_facade_call_duration_seconds_count{bundle=\"io.baton.example.cart.impl\",operation=\"*\",service=\"io.baton.example.cart.impl|cart\",version=\"3.0.0\"}", 1);

            JsonNode rollback = json(baton.post("api/rollback", "{}"), 200);
            assertEquals(rollback.toString(), "DONE", rollback.path("state").asText());
            scrape = awaitAtLeast("baton_rollbacks_total{detector=\"manual\"}", rollbacksBefore + 1);
            assertEquals(scrape, rollbacksBefore + 1, value(scrape, "baton_rollbacks_total{detector=\"manual\"}"), 0);
            assertEquals(0, value(scrape, "baton_probation_active"), 0);
            assertTrue("the swap and its swap back were paused\n" + scrape, value(scrape, "baton_swap_pause_seconds_count") >= pausesBefore + 2);
            assertTrue(scrape, scrape.contains("baton_managed_bundle_info{bundle=\"io.baton.example.cart.impl\",version=\"2.0.0\"} 1"));
            assertEquals("no request failed: " + traffic.failures, List.of(), traffic.failures);
        }
        // OpenMetrics for scrapers that ask for it
        HttpResponse<String> open = baton.send(HttpRequest.newBuilder(baton.baton("metrics")).header("Accept", "application/openmetrics-text; version=1.0.0").GET(),
                "Bearer " + baton.token);
        assertTrue(open.headers().firstValue("Content-Type").orElse(""), open.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        assertTrue(open.body(), open.body().strip().endsWith("# EOF"));
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** What a refused request must not change: the managed versions, the TRIAL and the history. */
    private static String state() throws Exception {
        JsonNode status = json(baton.get("api/status"), 200);
        return status.path("managed").toString() + status.path("trial") + json(baton.get("api/history"), 200);
    }

    private static String metrics() throws Exception {
        HttpResponse<String> r = baton.get("metrics");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return r.body();
    }

    /**
     * Waits (bounded) until a series reaches a value: events reach the metrics asynchronously, and calls
     * and their samples come with the traffic.
     *
     * @return the scrape that showed it
     */
    private static String awaitAtLeast(String series, double atLeast) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String scrape = metrics();
        while (value(scrape, series) < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(50);
            scrape = metrics();
        }
        assertTrue(series + " >= " + atLeast + "\n" + scrape, value(scrape, series) >= atLeast);
        return scrape;
    }

    private static void awaitCalls(String version, long atLeast) throws Exception {
        awaitAtLeast("baton_facade_calls_total{bundle=\"io.baton.example.cart.impl\",operation=\"*\",service=\"io.baton.example.cart.impl|cart\",version=\""
                + version + "\"}", atLeast);
    }

    /** @return the sample's value, 0 if the scrape has no such series */
    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void unauthorized(HttpResponse<String> r, String what) throws Exception {
        error(r, 401, "");
        assertTrue(what, r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertEquals(r.request().method() + " " + r.uri() + ": " + r.body(), status, r.statusCode());
        assertTrue(r.uri() + " Content-Type", r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    /** A JSON error of that status whose message starts with {@code message}, and no stack trace. */
    private static void error(HttpResponse<String> r, int status, String message) throws Exception {
        JsonNode body = json(r, status);
        assertEquals(r.body(), status, body.path("status").asInt());
        assertTrue(r.body(), body.path("error").asText().startsWith(message) && !body.path("error").asText().isEmpty());
        assertFalse("no stack trace: " + r.body(), r.body().contains("\tat ") || r.body().contains(".java:"));
    }
}
