package io.baton.bench;

import io.baton.bench.api.BlobService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link FacadeOverheadBench} through JMH's API, in forked JVMs, and keeps the scores. */
final class JmhRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JmhRunner.class);

    private JmhRunner() {}

    /**
     * Finds the rounds of {@link BlobService#work(int)} that take about 1 us on this machine, by timing
     * the direct call (after a warm-up) on the implementation object.
     */
    static int calibrate(BlobService direct) {
        int rounds = 1000;
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += direct.work(rounds);
        }
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                sink += direct.work(rounds);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 20_000);
        }
        int calibrated = (int) Math.max(1, Math.round(rounds * 1000.0 / Math.max(1, best)));
        LOG.info("work({}) took {} ns: {} rounds for ~1 us (sink {})", rounds, best, calibrated, sink & 1);
        return calibrated;
    }

    /** Suffix of the scores measured with {@code threads} threads ({@code ""} for one: the plain names). */
    static String suffix(int threads) {
        return threads == 1 ? "" : "@" + threads + "t";
    }

    /** One thread, then as many threads as cores (at least 2), all on one facade. */
    static void run(BenchConfig config, int rounds, Results results) throws Exception {
        results.jmhRounds = rounds;
        results.jmhThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        run(config, rounds, 1, results, false);
        run(config, rounds, results.jmhThreads, results, false);
        run(config, rounds, 1, results, true);
    }

    /**
     * @param proxy the facade as the JDK proxy Baton falls back to (system property baton.facade.proxy), instead of the
     *     generated class: its calls only, stored as proxyEmpty and proxyWork
     */
    private static void run(BenchConfig config, int rounds, int threads, Results results, boolean proxy) throws Exception {
        Options options = new OptionsBuilder()
                .include(FacadeOverheadBench.class.getName() + (proxy ? "\\.facade" : "\\."))
                .param("rounds", Integer.toString(rounds))
                .threads(threads)
                .forks(config.jmhForks)
                .warmupIterations(config.jmhWarmups)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(config.jmhIterations)
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.NANOSECONDS)
                .jvmArgsAppend("-Dbench.bundles=" + config.bundles.toAbsolutePath(),
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dbaton.facade.proxy=" + proxy)
                .build();
        for (RunResult r : new Runner(options).run()) {
            String label = r.getParams().getBenchmark();
            label = label.substring(label.lastIndexOf('.') + 1) + suffix(threads);
            if (proxy) {
                label = label.replace("facade", "proxy");
            }
            Results.JmhScore s = new Results.JmhScore();
            s.score = r.getPrimaryResult().getScore();
            s.error = r.getPrimaryResult().getScoreError();
            results.jmh.put(label, s);
        }
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
