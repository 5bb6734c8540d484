package io.baton.fleet.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP load on one node's cart web front: a thread that adds one unit of a rotating sku to the cart
 * {@code it-<node>} every {@code intervalMillis}, the only writer of that cart, so it knows every
 * acknowledged add; every answer other than 200 is kept as a {@link Failure} with its time.
 */
final class CartLoad implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SKUS = {"apple", "bread", "cheese"};

    /** A request that was not answered 200 (status 0: an I/O error). */
    record Failure(String node, long at, int status, String detail) {}

    final String node;
    final String cart;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong answered = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    private CartLoad(String node, int port, long intervalMillis) {
        this.node = node;
        this.cart = "it-" + node;
        this.base = URI.create("http://127.0.0.1:" + port);
        this.thread = new Thread(() -> loop(intervalMillis), "cart-load-" + node);
    }

    /** Waits for the node's {@code http.port}, then starts the load. */
    static CartLoad start(String node, Path home, long intervalMillis) throws Exception {
        Path portFile = home.resolve("http.port");
        FleetRig.await(node + " http.port", () -> Files.exists(portFile) && !Files.readString(portFile).isBlank());
        CartLoad load = new CartLoad(node, Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).strip()), intervalMillis);
        load.thread.setDaemon(true);
        load.thread.start();
        return load;
    }

    private void loop(long intervalMillis) {
        for (int i = 0; !stopped; i++) {
            add(SKUS[i % SKUS.length]);
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Synchronized with {@link #missingWrites()}: a check never sees an add half-way. */
    private synchronized void add(String sku) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/carts/" + cart + "/items")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"qty\":1}")).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                acknowledged.merge(sku, 1, Integer::sum);
                answered.incrementAndGet();
            } else {
                failures.add(new Failure(node, System.currentTimeMillis(), r.statusCode(), r.body()));
            }
        } catch (Exception e) {
            failures.add(new Failure(node, System.currentTimeMillis(), 0, e.toString()));
        }
    }

    /** @return the calls answered 200 so far */
    long answered() {
        return answered.get();
    }

    /** Stops the load and waits for its last request. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(15_000);
    }

    /** @return null if the cart (read over HTTP) holds exactly every acknowledged add, else the difference */
    synchronized String missingWrites() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/carts/" + cart)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Integer> lines = new TreeMap<>();
        if (r.statusCode() == 200) {
            for (Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(r.body()).path("lines").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                lines.put(e.getKey(), e.getValue().asInt());
            }
        } else if (r.statusCode() != 404) {
            return node + ": reading " + cart + " answered " + r.statusCode() + " " + r.body();
        }
        Map<String, Integer> expected = new TreeMap<>(acknowledged);
        return lines.equals(expected) ? null : node + ": " + cart + " holds " + lines + ", the acknowledged adds make " + expected;
    }
}
