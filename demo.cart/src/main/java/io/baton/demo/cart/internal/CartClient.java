package io.baton.demo.cart.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated user: owns one cart ({@code demo-<n>}) and, in a loop, adds items to it (3 of 4
 * requests) or reads it back. Being the only writer of its cart, it knows what the cart must hold:
 * every acknowledged add. It checks that on every response (the quantity an add returns, the lines a
 * read returns) and on each {@linkplain LoadGenerator#requestCheck() check round}, so a lost or
 * doubled write anywhere in the run is caught and named.
 */
final class CartClient implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SKUS = {"apple", "bread", "cheese", "dates", "eggs", "flour"};
    static final String INSTANCE_HEADER = "X-Cart-Web-Instance";

    private final int index;
    private final String cart;
    private final URI base;
    private final HttpClient http;
    private final LoadGenerator load;
    private final Random random;
    /** sku -> quantity of every acknowledged add. */
    private final Map<String, Integer> acknowledged = new TreeMap<>();
    /** sku -> units of adds whose outcome is unknown (I/O error or timeout): they may or may not be in. */
    private final Map<String, Integer> uncertain = new TreeMap<>();
    final List<RequestRecord> records = new ArrayList<>(64 * 1024);
    private int lastRound;
    private final long intervalNanos;

    /** @param intervalNanos time between the starts of two requests, or 0 to send back to back */
    CartClient(int index, URI base, HttpClient http, LoadGenerator load, long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.index = index;
        this.cart = "demo-" + index;
        this.base = base;
        this.http = http;
        this.load = load;
        this.random = new Random(index * 7919L);
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        while (!load.stopped()) {
            if (intervalNanos > 0) {
                // a steady rate: a late request is not followed by a burst to catch up
                next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            int round = load.checkRound();
            if (round != lastRound) {
                lastRound = round;
                load.reportCheck(round, cart, read(RequestRecord.Op.CHECK));
            } else if (random.nextInt(4) == 0) {
                read(RequestRecord.Op.READ);
            } else {
                add(SKUS[random.nextInt(SKUS.length)], 1 + random.nextInt(3));
            }
        }
    }

    private void add(String sku, int qty) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/carts/" + cart + "/items"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"qty\":" + qty + "}"))
                .build();
        Response r = send(request, RequestRecord.Op.ADD);
        if (r.status == 200) {
            int expected = acknowledged.merge(sku, qty, Integer::sum);
            int got = r.body.path("qty").asInt(-1);
            int slack = uncertain.getOrDefault(sku, 0);
            if (got < expected || got > expected + slack) {
                load.mismatch(cart + ": add of " + qty + " " + sku + " answered " + got + ", expected " + expected
                        + (slack > 0 ? " (+ up to " + slack + " uncertain)" : ""));
            }
        } else if (r.status == 0) {
            uncertain.merge(sku, qty, Integer::sum);
        }
        // any other status: the add was refused and changed nothing (the cart's contract)
    }

    /** @return null if the cart holds exactly the acknowledged adds, else what differs */
    private String read(RequestRecord.Op op) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/carts/" + cart)).timeout(Duration.ofSeconds(10)).GET().build();
        Response r = send(request, op);
        Map<String, Integer> lines = new TreeMap<>();
        if (r.status == 200) {
            for (Iterator<Map.Entry<String, JsonNode>> it = r.body.path("lines").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                lines.put(e.getKey(), e.getValue().asInt());
            }
        } else if (r.status != 404) {
            return cart + ": read failed with status " + r.status;
        }
        String difference = difference(lines);
        if (difference != null) {
            load.mismatch(difference);
        }
        return difference;
    }

    private String difference(Map<String, Integer> lines) {
        for (String sku : SKUS) {
            int expected = acknowledged.getOrDefault(sku, 0);
            int got = lines.getOrDefault(sku, 0);
            int slack = uncertain.getOrDefault(sku, 0);
            if (got < expected || got > expected + slack) {
                return cart + ": holds " + got + " " + sku + ", every acknowledged add makes " + expected
                        + (slack > 0 ? " (+ up to " + slack + " uncertain)" : "");
            }
        }
        return null;
    }

    private Response send(HttpRequest request, RequestRecord.Op op) {
        long start = System.nanoTime();
        int status;
        JsonNode body = null;
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            status = response.statusCode();
            response.headers().firstValue(INSTANCE_HEADER).ifPresent(load::seenInstance);
            if (status == 200) {
                body = JSON.readTree(response.body());
            }
        } catch (IOException e) {
            status = 0;
            load.ioError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        long latency = System.nanoTime() - start;
        records.add(new RequestRecord(start - load.origin(), latency, op, status, index));
        load.count(latency, op == RequestRecord.Op.ADD ? status != 200 : status != 200 && status != 404);
        return new Response(status, body);
    }

    private record Response(int status, JsonNode body) {}
}
