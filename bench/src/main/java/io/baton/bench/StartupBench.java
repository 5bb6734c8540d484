package io.baton.bench;

import io.baton.container.launcher.internal.ControlClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Startup of {@code baton.jar run} to a ready console, for several jars side by side: each start is a
 * fresh JVM on a fresh home; the time runs from launching the process until the control channel
 * answers {@code baton:status} with success (the console's commands are registered then). Starts of
 * the jars are interleaved (a, b, a, b, ...) so that a change in the machine's load hits both alike.
 *
 * <p>{@code java -cp bench.jar io.baton.bench.StartupBench <starts> <label=jar>...}; prints one line
 * per start and a summary per jar (median, min, max, and the ratio of medians to the first jar).
 */
public final class StartupBench {
    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StartupBench <starts> <label=path/to/baton.jar>...");
            System.exit(2);
        }
        int starts = Integer.parseInt(args[0]);
        List<String> labels = new ArrayList<>();
        List<Path> jars = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            labels.add(kv[0]);
            jars.add(Path.of(kv[1]));
        }
        List<List<Long>> millis = new ArrayList<>();
        List<List<Long>> ctl = new ArrayList<>();
        jars.forEach(j -> {
            millis.add(new ArrayList<>());
            ctl.add(new ArrayList<>());
        });
        for (int round = 1; round <= starts; round++) {
            for (int j = 0; j < jars.size(); j++) {
                long ms = startOnce(jars.get(j), ctl.get(j));
                millis.get(j).add(ms);
                System.out.printf("start %d %-8s %6d ms%n", round, labels.get(j), ms);
            }
        }
        System.out.println();
        System.out.printf("%-8s %8s %8s %8s  (baton.jar ctl --home H baton:status: a fresh JVM to the answer, %d per start)%n", "ctl",
                "median", "min", "max", CTL_CALLS);
        for (int j = 0; j < jars.size(); j++) {
            List<Long> m = ctl.get(j);
            System.out.printf("%-8s %6.0f ms %5d ms %5d ms%n", labels.get(j), median(m), m.stream().min(Comparator.naturalOrder()).get(),
                    m.stream().max(Comparator.naturalOrder()).get());
        }
        System.out.println();
        System.out.printf("%-8s %8s %8s %8s %10s%n", "jar", "median", "min", "max", "vs first");
        double first = median(millis.get(0));
        for (int j = 0; j < jars.size(); j++) {
            List<Long> m = millis.get(j);
            System.out.printf("%-8s %6.0f ms %5d ms %5d ms %9.2fx%n", labels.get(j), median(m), m.stream().min(Comparator.naturalOrder()).get(),
                    m.stream().max(Comparator.naturalOrder()).get(), first / median(m));
        }
    }

    /** Runs of {@code baton.jar ctl} timed after each start, once the container is ready. */
    static final int CTL_CALLS = 3;

    /**
     * @param ctlMillis gets the wall time of {@value #CTL_CALLS} runs of {@code baton.jar ctl} against the started container
     * @return milliseconds from launch to a successful {@code baton:status} through the control channel
     */
    static long startOnce(Path jar, List<Long> ctlMillis) throws Exception {
        Path home = Files.createTempDirectory("baton-startup-");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "run", "--no-console", "--home", home.toString())
                .redirectErrorStream(true).redirectOutput(home.resolveSibling(home.getFileName() + ".log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(jar + " exited with " + p.exitValue() + " before it was ready");
                }
                if (answers(home)) {
                    long ready = (System.nanoTime() - t0) / 1_000_000;
                    for (int i = 0; i < CTL_CALLS; i++) {
                        ctlMillis.add(ctlOnce(jar, home));
                    }
                    return ready;
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException(jar + " was not ready within 120 s");
        } finally {
            p.destroy(); // SIGTERM: the framework stops in order
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            deleteQuietly(home);
        }
    }

    /** @return milliseconds for {@code java -jar baton.jar ctl --home H baton:status} to run and exit 0 */
    static long ctlOnce(Path jar, Path home) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "ctl", "--home", home.toString(), "baton:status")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("ctl against " + home + " failed");
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** One control-channel request through the launcher's own client: answered with status 0 once the container is up. */
    private static boolean answers(Path home) {
        if (!Files.isRegularFile(home.resolve("ctl.port")) || !Files.isRegularFile(home.resolve("ctl.token"))) {
            return false;
        }
        try {
            return ControlClient.send(home, "baton:status", 10_000).status() == 0;
        } catch (RuntimeException e) {
            return false; // not up yet
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
