package io.baton.demo.cart.internal;

import java.io.PrintStream;
import java.util.function.Supplier;

/** Prints one line a second while the load runs: requests per second, failures, longest request, cart version. */
final class LiveProgress implements AutoCloseable {
    private final Thread thread;
    private volatile boolean closed;

    LiveProgress(LoadGenerator load, Supplier<String> version, PrintStream out) {
        thread = new Thread(() -> {
            long lastRequests = 0;
            long lastFailures = 0;
            long lastAt = System.nanoTime();
            while (!closed) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                long requests = load.requests();
                long failures = load.failures();
                double seconds = (now - lastAt) / 1e9;
                out.printf("  [%5.1f s] %6.0f req/s  failed %-4d  longest %7.1f ms  cart %s%n",
                        (now - load.origin()) / 1e9, (requests - lastRequests) / seconds, failures - lastFailures,
                        load.takeMaxLatency() / 1e6, version.get());
                lastRequests = requests;
                lastFailures = failures;
                lastAt = now;
            }
        }, "demo-progress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(2000);
    }
}
