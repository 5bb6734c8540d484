package io.baton.demo.cart.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code clients} threads, each a {@link CartClient} with its own cart, sending requests back to back
 * through one JDK {@link HttpClient} (HTTP/1.1, kept-alive connections) until {@link #stop()}.
 * Counts requests and failures for the live progress line, collects every request for the report,
 * and runs check rounds in which every client reads its cart back and compares it with its adds.
 */
final class LoadGenerator {
    private final List<CartClient> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long origin;
    private final HttpClient http;
    private volatile boolean stopped;

    private final LongAdder requests = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicLong maxLatencyThisSecond = new AtomicLong();
    private final Set<String> instances = ConcurrentHashMap.newKeySet();
    private final List<String> mismatches = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> ioErrors = new ConcurrentHashMap<>();

    private final AtomicInteger round = new AtomicInteger();
    private volatile CheckRound current;

    /**
     * @param rate requests per second of all clients together, or 0 for as fast as they can
     * @param origin the demo's time origin ({@link System#nanoTime()})
     */
    LoadGenerator(URI base, int clients, int rate, long origin) {
        this.origin = origin;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 1; i <= clients; i++) {
            CartClient client = new CartClient(i, base, http, this, rate == 0 ? 0 : clients * 1_000_000_000L / rate);
            this.clients.add(client);
            Thread t = new Thread(client, "demo-client-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    long origin() {
        return origin;
    }

    boolean stopped() {
        return stopped;
    }

    void count(long latencyNanos, boolean failed) {
        requests.increment();
        if (failed) {
            failures.increment();
        }
        maxLatencyThisSecond.accumulateAndGet(latencyNanos, Math::max);
    }

    void seenInstance(String instance) {
        instances.add(instance);
    }

    void mismatch(String what) {
        if (mismatches.size() < 100) {
            mismatches.add(what);
        }
    }

    void ioError(IOException e) {
        ioErrors.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(), k -> new AtomicInteger()).incrementAndGet();
    }

    long requests() {
        return requests.sum();
    }

    long failures() {
        return failures.sum();
    }

    /** The longest request since the last call, in nanoseconds. */
    long takeMaxLatency() {
        return maxLatencyThisSecond.getAndSet(0);
    }

    /** Every web front activation that answered (one id unless the front was restarted). */
    Set<String> instances() {
        return instances;
    }

    List<String> mismatches() {
        return mismatches;
    }

    Map<String, AtomicInteger> ioErrors() {
        return ioErrors;
    }

    int checkRound() {
        return round.get();
    }

    /**
     * Asks every client to read its cart back at its next step, and waits for all of them.
     *
     * @return what differed (empty if every cart holds exactly its acknowledged adds), or a line saying
     *     which clients did not answer in time
     */
    List<String> requestCheck(Duration timeout) throws InterruptedException {
        CheckRound check = new CheckRound(clients.size());
        current = check;
        int n = round.incrementAndGet();
        if (!check.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            List<String> late = new ArrayList<>(check.problems);
            late.add("check round " + n + ": " + check.done.getCount() + " of " + clients.size() + " clients did not answer in " + timeout);
            return late;
        }
        return new ArrayList<>(check.problems);
    }

    void reportCheck(int n, String cart, String problem) {
        CheckRound check = current;
        if (check != null && n == round.get()) {
            if (problem != null) {
                check.problems.add(problem);
            }
            check.done.countDown();
        }
    }

    /** Stops the clients (each finishes its request in flight) and waits for them. */
    void stop() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join(15_000);
        }
    }

    /** Every request of every client, in start order. */
    List<RequestRecord> records() {
        List<RequestRecord> all = new ArrayList<>();
        clients.forEach(c -> all.addAll(c.records));
        all.sort(Comparator.comparingLong(RequestRecord::startNanos));
        return Collections.unmodifiableList(all);
    }

    private static final class CheckRound {
        final CountDownLatch done;
        final Set<String> problems = Collections.synchronizedSet(new LinkedHashSet<>());

        CheckRound(int clients) {
            this.done = new CountDownLatch(clients);
        }
    }
}
