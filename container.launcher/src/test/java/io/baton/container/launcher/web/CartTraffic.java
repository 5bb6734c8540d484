package io.baton.container.launcher.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One client adding to and reading a cart through the example web front until closed, a few hundred requests a second at most. */
final class CartTraffic implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI carts;
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong requests = new AtomicLong();
    final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;

    CartTraffic(URI base) {
        this.carts = base.resolve("/carts/");
        this.thread = new Thread(this::run, "cart-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long n = 0;
        while (running.get()) {
            try {
                HttpRequest request = n++ % 3 == 2
                        ? HttpRequest.newBuilder(carts.resolve("t1")).GET().build()
                        : HttpRequest.newBuilder(carts.resolve("t1/items")).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\": \"tea\"}")).build();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                requests.incrementAndGet();
                if (r.statusCode() != 200) {
                    failures.add(r.statusCode() + " " + r.body());
                }
                Thread.sleep(3);
            } catch (IOException e) {
                failures.add(e.toString());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
