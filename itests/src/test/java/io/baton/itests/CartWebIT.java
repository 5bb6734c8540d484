package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.rollback.Lifecycle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * The cart's web front on the runtime's HTTP server (Felix HTTP Jetty, servlet whiteboard) over real HTTP on loopback: clients keep
 * adding and reading while the cart is swapped 1.0.0 -> 2.0.0 -> 3.0.0; no request fails, every
 * acknowledged add is there, and the front is never restarted. Then its answers to bad input.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CartWebIT extends SwapTestSupport {
    private URI base;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private Lifecycle lifecycle;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    public void theWebFrontServesThroughEverySwapWithoutAFailedRequestOrARestart() throws Exception {
        deploy(jar("example.cart.impl.v1"), jar("example.cart.web"));
        awaitFront();
        WebLoad load = new WebLoad(4);
        try {
            Thread.sleep(300);
            for (String v : List.of("example.cart.impl.v2", "example.cart.impl.v3")) {
                SwapRequest r = request(jar(v));
                r.probationMillis = 60_000;
                SwapReport report = container.swap(r);
                assertSwapped(report);
                lifecycle.commit();
                Thread.sleep(300);
            }
        } finally {
            load.close();
        }
        assertEquals("no request failed: " + load.failures, List.of(), load.failures);
        assertTrue("load ran: " + load.requests, load.requests.get() > 100);
        assertEquals("one web front activation answered throughout: " + load.instances, 1, load.instances.size());
        for (Map.Entry<String, Map<String, Integer>> e : load.acknowledged.entrySet()) {
            JsonNode cart = json(get("/carts/" + e.getKey()), 200);
            Map<String, Integer> lines = new TreeMap<>();
            cart.path("lines").fields().forEachRemaining(f -> lines.put(f.getKey(), f.getValue().asInt()));
            assertEquals("cart " + e.getKey() + " holds every acknowledged add", e.getValue(), lines);
        }
        assertEquals("3.0.0", reference(io.baton.example.cart.api.CartService.class, null).getProperty("baton.facade.version"));
    }

    @Test
    public void badInputGetsA4xxWithAJsonErrorNeverAStackTrace() throws Exception {
        deploy(jar("example.cart.impl.v2"), jar("example.cart.web"));
        awaitFront();
        error(post("/carts/b1/items", "{\"sku\": "), 400, "malformed JSON body");
        error(post("/carts/b1/items", "[1,2]"), 400, "the body is a JSON array");
        error(post("/carts/b1/items", "{\"sku\": \"a\", \"qty\": -3}"), 400, "'qty' must be a whole number of at least 1, was -3");
        error(post("/carts/b1/items", "{\"sku\": \"a\", \"qty\": 0}"), 400, "'qty' must be a whole number of at least 1");
        error(post("/carts/b1/items", "{\"qty\": 2}"), 400, "'sku' must be a non-blank string");
        error(get("/carts/nobody"), 404, "unknown cart 'nobody'");
        error(get("/carts/b1/things"), 404, "no such resource");
        error(send(HttpRequest.newBuilder(base().resolve("/carts/b1")).PUT(HttpRequest.BodyPublishers.ofString("{}"))), 405, "PUT is not allowed here");
        error(send(HttpRequest.newBuilder(base().resolve("/carts/b1/items/a?qty=x")).DELETE()), 400, "'qty' must be a whole number");
        // nothing was written by any of them
        error(get("/carts/b1"), 404, "unknown cart 'b1'");
        JsonNode added = json(post("/carts/b1/items", "{\"sku\": \"a\", \"qty\": 2}"), 200);
        assertEquals(2, added.path("qty").asInt());
        assertEquals(1, json(send(HttpRequest.newBuilder(base().resolve("/carts/b1/items/a?qty=1")).DELETE()), 200).path("qty").asInt());
    }

    @Test
    public void aFailingReleaseAnswers500WithAJsonErrorAndTheMonitorRollsItBack() throws Exception {
        deploy(jar("example.cart.impl.v3"), jar("example.cart.web"));
        awaitFront();
        SwapRequest r = request(jar("example.cart.impl.v31"));
        r.probationMillis = 60_000;
        assertSwapped(container.swap(r));
        HttpResponse<String> failed = null;
        for (int i = 0; i < 8 && failed == null; i++) {
            HttpResponse<String> answer = post("/carts/f1/items", "{\"sku\": \"a\"}");
            if (answer.statusCode() != 200) {
                failed = answer;
            }
        }
        assertTrue("3.1.0 fails every 4th add", failed != null);
        error(failed, 500, "the cart failed: cart 3.1.0 fault");
        long deadline = System.currentTimeMillis() + 20_000;
        while (lifecycle.trial() != null && System.currentTimeMillis() < deadline) {
            post("/carts/f1/items", "{\"sku\": \"a\"}"); // traffic for the error-rate detector
        }
        assertNull("rolled back on its own", lifecycle.trial());
        assertEquals("3.0.0", reference(io.baton.example.cart.api.CartService.class, null).getProperty("baton.facade.version"));
        assertEquals(200, post("/carts/f1/items", "{\"sku\": \"a\"}").statusCode());
    }

    // ---- HTTP ----------------------------------------------------------------------------------

    /** The runtime's HTTP server (in the base configuration, on loopback and a free port). */
    private URI base() throws IOException {
        if (base == null) {
            base = httpEndpoint();
        }
        return base;
    }

    private void awaitFront() throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                if (get("/carts").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the web front did not answer on " + base());
            }
            Thread.sleep(100);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base().resolve(path)).GET());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base().resolve(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertEquals(response.body(), status, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse(""), response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static void error(HttpResponse<String> response, int status, String message) throws IOException {
        JsonNode body = json(response, status);
        assertTrue(response.body(), body.path("error").asText().startsWith(message));
        assertFalse("no stack trace: " + response.body(), response.body().contains("Exception") || response.body().contains("\tat "));
    }

    /** Clients, each adding to and reading its own cart until closed, remembering every acknowledged add. */
    private final class WebLoad implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong requests = new AtomicLong();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final Set<String> instances = ConcurrentHashMap.newKeySet();
        final Map<String, Map<String, Integer>> acknowledged = new ConcurrentHashMap<>();
        final List<Thread> threads = new ArrayList<>();

        WebLoad(int clients) {
            for (int i = 0; i < clients; i++) {
                String cart = "web-" + i;
                Map<String, Integer> acks = new TreeMap<>();
                acknowledged.put(cart, acks);
                Thread t = new Thread(() -> run(cart, acks), "web-client-" + i);
                threads.add(t);
                t.start();
            }
        }

        private void run(String cart, Map<String, Integer> acks) {
            int n = 0;
            while (running.get()) {
                String sku = "sku-" + (n % 5);
                try {
                    HttpResponse<String> r = n % 4 == 3 ? get("/carts/" + cart) : post("/carts/" + cart + "/items", "{\"sku\":\"" + sku + "\",\"qty\":2}");
                    requests.incrementAndGet();
                    r.headers().firstValue("X-Cart-Web-Instance").ifPresent(instances::add);
                    if (n % 4 != 3) {
                        if (r.statusCode() != 200) {
                            failures.add(r.statusCode() + " " + r.body());
                        } else {
                            int want = acks.merge(sku, 2, Integer::sum);
                            int got = JSON.readTree(r.body()).path("qty").asInt();
                            if (got != want) {
                                failures.add(cart + " " + sku + ": answered " + got + ", expected " + want);
                            }
                        }
                    } else if (r.statusCode() != 200 && !(r.statusCode() == 404 && acks.isEmpty())) {
                        failures.add(r.statusCode() + " " + r.body());
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                } catch (InterruptedException e) {
                    return;
                }
                n++;
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(15_000);
            }
            assertNull(lifecycle.trial());
        }
    }
}
