package io.baton.demo.cart.internal;

import io.baton.container.core.Container;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.RecordKind;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import io.baton.demo.cart.CartDemo;
import io.baton.demo.cart.DemoHost;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo: a temporary container serving the example cart over HTTP to a load of clients, swapped
 * 1.0.0 -> 2.0.0 -> 3.0.0, then to the faulty 3.1.0, which the failure monitor must roll back on its
 * own. Then the report and the verdict.
 *
 * <p>Timeline for a duration {@code d}: load from 0; swaps at 15 %, 35 % and 55 % of {@code d} (each
 * after the previous one's probation ended); the good swaps have a 2 s probation, after which they
 * commit; the faulty one has the rest of the run, and must be rolled back within it; the load goes on
 * to {@code d} (or 2 s past the rollback). After each swap every client reads its cart back.
 */
public final class DemoRun {
    private static final String CART = "io.baton.example.cart.impl";
    private static final long GOOD_PROBATION_MILLIS = 2000;

    private final CartDemo.Options options;
    private final PrintStream out;
    private final DemoHost host;
    private volatile String version = "1.0.0";
    /** Wall-clock time of the origin, to place journal times (ms since the epoch) on the run's clock. */
    private long originMillis;

    public DemoRun(CartDemo.Options options, PrintStream out, DemoHost host) {
        this.options = options;
        this.out = out;
        this.host = host;
    }

    /** @return true if every invariant held */
    public boolean run() throws Exception {
        Path root = Files.createTempDirectory("baton-demo-");
        try {
            return run(root);
        } finally {
            deleteQuietly(root);
        }
    }

    private boolean run(Path root) throws Exception {
        DemoRepository repo = DemoRepository.extractTo(root.resolve("repository"));
        int port = Ports.choose(options.port(), out);
        URI base = URI.create("http://127.0.0.1:" + port);
        out.println("Baton demo: " + options.clients() + " HTTP clients, " + (options.rate() == 0 ? "as fast as they can" : options.rate() + " requests/s in all")
                + ", for " + options.durationSeconds() + " s against " + base
                + "/carts, home " + root.resolve("home"));
        List<SwapStep> steps = new ArrayList<>();
        List<RequestRecord> records;
        LoadGenerator load;
        List<String> finalCheck;
        try (DemoHost.Container container = host.start(root.resolve("home"), Map.of(
                "baton.repos", repo.index().toUri().toString(),
                "org.osgi.service.http.port", Integer.toString(port),
                "org.apache.felix.http.host", "127.0.0.1"))) {
            out.printf("Container started in %d ms%n", container.startupTime().toMillis());
            container.awaitCommands(Duration.ofSeconds(30));
            out.println("> baton:deploy " + CART + "@1.0.0 io.baton.example.cart.web");
            out.println(indent(container.execute("baton:deploy " + CART + "@1.0.0 io.baton.example.cart.web")));
            awaitWebFront(base);
            Container swaps = container.service(Container.class, Duration.ofSeconds(10));
            Lifecycle lifecycle = container.service(Lifecycle.class, Duration.ofSeconds(10));

            long d = options.durationSeconds() * 1_000_000_000L;
            // time 0 of the run, the chart and the CSV: the load starts
            long origin = System.nanoTime();
            originMillis = System.currentTimeMillis();
            load = new LoadGenerator(base, options.clients(), options.rate(), origin);
            try (LiveProgress progress = new LiveProgress(load, () -> version, out)) {
                load.start();
                steps.add(swap(swaps, lifecycle, load, repo, "1.0.0", "2.0.0", false, origin + d * 15 / 100, origin));
                steps.add(swap(swaps, lifecycle, load, repo, "2.0.0", "3.0.0", false, origin + d * 35 / 100, origin));
                SwapStep faulty = swap(swaps, lifecycle, load, repo, "3.0.0", "3.1.0", true, origin + d * 55 / 100, origin);
                steps.add(faulty);
                long end = Math.max(origin + d, origin + faulty.rollbackEndNanos + 2_000_000_000L);
                sleepUntil(end);
                finalCheck = load.requestCheck(Duration.ofSeconds(15));
                load.stop();
            }
            records = load.records();
        }
        DemoSummary summary = new DemoSummary(records, steps, finalCheck, load);
        out.println();
        out.print(summary.table());
        Path report = DemoReport.write(options.reportDir(), records, steps, summary);
        out.println("Report: " + report.toAbsolutePath());
        if (summary.violations().isEmpty()) {
            out.println("PASSED: every invariant held");
            return true;
        }
        out.println("FAILED:");
        summary.violations().forEach(v -> out.println("  - " + v));
        return false;
    }

    private SwapStep swap(Container container, Lifecycle lifecycle, LoadGenerator load, DemoRepository repo,
            String from, String to, boolean faulty, long notBefore, long origin) throws InterruptedException {
        sleepUntil(notBefore);
        SwapStep step = new SwapStep(from, to, faulty);
        SwapRequest request = SwapRequest.of(repo.jar(CART, to).toString());
        request.probationMillis = faulty ? Math.max(10_000, options.durationSeconds() * 300L) : GOOD_PROBATION_MILLIS;
        out.printf("%nSwap %s (probation %d s)%n", step.label(), request.probationMillis / 1000);
        step.startNanos = System.nanoTime() - origin;
        step.report = container.swap(request, (phase, micros, failure) ->
                out.printf("    %-8s %8d us  %s%n", phase, micros, failure == null ? "done" : "FAILED: " + failure));
        step.endNanos = System.nanoTime() - origin;
        if (step.report.status != SwapStatus.SWAPPED) {
            step.failure = "swap " + step.label() + " " + step.report.status + ": " + step.report.failure;
            out.println("  " + step.failure);
            return step;
        }
        version = to;
        out.printf("  swapped: pause %.2f ms, %d calls waited (longest %.2f ms), %d state bytes%n",
                step.report.pauseMicros / 1000.0, step.report.waitedCalls, step.report.longestWaitMicros / 1000.0, step.report.stateBytes);
        step.outcome = awaitVerdict(lifecycle, step.report.id, request.probationMillis + 10_000);
        if (step.outcome == null) {
            step.failure = "swap " + step.label() + " was neither committed nor rolled back in time";
        } else if (step.outcome.state == RecordState.ROLLED_BACK) {
            step.rollback = awaitRollbackRecord(lifecycle, step.report.id);
            // when the rollback ended by the journal (ms), not when this thread noticed it
            step.rollbackEndNanos = step.rollback != null && step.rollback.endedAt > 0
                    ? Math.min(System.nanoTime() - origin, (step.rollback.endedAt - originMillis) * 1_000_000L)
                    : System.nanoTime() - origin;
            version = from;
            out.printf("  ROLLED BACK by %s in %.2f ms: %s%n", step.outcome.detector, rollbackMicros(step) / 1000.0, step.outcome.evidence);
        } else {
            out.printf("  %s after its probation%n", step.outcome.state);
        }
        step.stateProblems = load.requestCheck(Duration.ofSeconds(15));
        out.println("  state check: " + (step.stateProblems.isEmpty() ? "every cart holds every acknowledged add" : step.stateProblems));
        return step;
    }

    /** Detection to the old version serving, as the journal recorded it (on the rollback's record). */
    static long rollbackMicros(SwapStep step) {
        return step.rollback != null && step.rollback.rollbackMicros > 0 ? step.rollback.rollbackMicros : step.outcome.rollbackMicros;
    }

    /** Waits until the swap's journal record leaves TRIAL; null if it does not within {@code millis}. */
    private static SwapRecord awaitVerdict(Lifecycle lifecycle, String swapId, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            for (SwapRecord r : lifecycle.history(10)) {
                if (swapId.equals(r.swapId) && r.kind == RecordKind.SWAP && r.state != RecordState.TRIAL) {
                    return r;
                }
            }
            Thread.sleep(5);
        }
        return null;
    }

    /** The rollback's own record: journaled just after the swap's record turns ROLLED_BACK. */
    private static SwapRecord awaitRollbackRecord(Lifecycle lifecycle, String swapId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        do {
            for (SwapRecord r : lifecycle.history(10)) {
                if (r.kind == RecordKind.ROLLBACK && swapId.equals(r.swapId)) {
                    return r;
                }
            }
            Thread.sleep(5);
        } while (System.currentTimeMillis() < deadline);
        return null;
    }

    private static void awaitWebFront(URI base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 30_000;
        String last = "no answer";
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/carts")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "status " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IOException("The cart web front did not answer on " + base.resolve("/carts") + " within 30 s (" + last + ")");
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static String indent(String text) {
        return "  " + text.strip().replace("\n", "\n  ");
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it eventually
        }
    }
}
