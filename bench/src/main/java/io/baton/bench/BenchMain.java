package io.baton.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark run: JMH facade overhead, then per state size Baton swaps and rollbacks and the plain
 * Felix comparison under the same load, then the endurance cycles; writes the report. Arguments: see
 * {@link BenchConfig}. Exit code 0 when the run completed (targets may still be NOT MET: the report
 * says so), 1 when it could not run.
 */
public final class BenchMain {
    static {
        // Baton logs every swap phase at INFO; thousands of swaps would drown the harness' own progress.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.io.baton.bench", System.getProperty("org.slf4j.simpleLogger.log.io.baton.bench", "info"));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

    private BenchMain() {}

    public static void main(String[] args) {
        try {
            BenchConfig config = BenchConfig.parse(args);
            if (config.jmhOnly) {
                Results results = runJmh(config);
                Path md = new Report(results).writeJmhOnly(config.out, results.startedAt.substring(0, 10));
                LOG.info("JMH results written to {}", md);
                System.exit(0);
            }
            Results results = run(config);
            Report report = new Report(results);
            Path md = report.write(config.out, results.startedAt.substring(0, 10));
            LOG.info("Results written to {} (and latest.md, .csv)\n{}", md, Report.summary(report.targets()));
            System.exit(0);
        } catch (Throwable t) {
            LOG.error("The benchmark could not run", t);
            System.exit(1);
        }
    }

    /** Framework ERROR and WARNING events of the Baton container: part of the report. */
    private static void recordFrameworkEvent(Results results, org.osgi.framework.FrameworkEvent event) {
        boolean error = event.getType() == org.osgi.framework.FrameworkEvent.ERROR;
        if (!error && event.getType() != org.osgi.framework.FrameworkEvent.WARNING) {
            return;
        }
        synchronized (results) {
            if (error) {
                results.frameworkErrors++;
            } else {
                results.frameworkWarnings++;
            }
            results.frameworkEvents.add((error ? "ERROR " : "WARNING ") + event.getBundle().getSymbolicName() + " "
                    + event.getBundle().getVersion() + ": " + event.getThrowable());
        }
    }

    /**
     * The keyed blob in its own container (the eager run's state is garbage by then): a few discarded
     * swaps at 1 KB, then the same swaps per size as the eager blob had.
     */
    private static void keyed(BenchConfig config, BenchBundles bundles, Path home, Results results) throws Exception {
        try (BatonRig rig = new BatonRig(home, bundles, false)) {
            rig.baton.context().addFrameworkListener(event -> recordFrameworkEvent(results, event));
            BenchConfig warm = config.warmUp();
            try (Callers callers = new Callers(warm.callers, warm.thinkMicros, () -> rig.facade)) {
                new BatonSwapBench(warm, rig, bundles, callers, new Results(warm)).runKeyed(1L << 10);
            }
            for (long size : config.sizes) {
                try (Callers callers = new Callers(config.callers, config.thinkMicros, () -> rig.facade)) {
                    new BatonSwapBench(config, rig, bundles, callers, results).runKeyed(size);
                }
            }
        }
    }

    /** The JMH facade benchmark alone: calibration of the ~1 us method, then 1 thread and as many threads as cores. */
    static Results runJmh(BenchConfig config) throws Exception {
        LOG.info("JMH run: {}", config);
        Results results = new Results(config);
        long t0 = System.currentTimeMillis();
        Path work = Files.createTempDirectory("baton-jmh");
        try {
            int rounds;
            try (BatonRig rig = new BatonRig(work.resolve("calibrate"), BenchBundles.in(config.bundles, work.resolve("bundles")), false)) {
                rounds = JmhRunner.calibrate(rig.directBlob());
            }
            JmhRunner.run(config, rounds, results);
        } finally {
            finish(results, t0, work);
        }
        return results;
    }

    /** The run's duration and the load at its end; the work folder removed. */
    private static void finish(Results results, long t0, Path work) throws java.io.IOException {
        results.durationMillis = System.currentTimeMillis() - t0;
        results.loadAtEnd = String.format(java.util.Locale.ROOT, "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        JmhRunner.delete(work);
    }

    static Results run(BenchConfig config) throws Exception {
        LOG.info("Benchmark run: {}", config);
        Results results = new Results(config);
        long t0 = System.currentTimeMillis();
        Path work = Files.createTempDirectory("baton-bench");
        try {
            BenchBundles bundles = BenchBundles.in(config.bundles, work.resolve("bundles"));
            if (config.jmh) {
                int rounds;
                try (BatonRig rig = new BatonRig(work.resolve("calibrate"), bundles, false)) {
                    rounds = JmhRunner.calibrate(rig.directBlob());
                }
                JmhRunner.run(config, rounds, results);
            }
            try (BatonRig baton = new BatonRig(work.resolve("baton"), bundles, true);
                    PlainFelixRig plain = new PlainFelixRig(work.resolve("felix"), bundles)) {
                baton.baton.context().addFrameworkListener(event -> recordFrameworkEvent(results, event));
                if (config.warmupSwaps > 0) {
                    BenchConfig warm = config.warmUp();
                    Results discarded = new Results(warm);
                    try (Callers callers = new Callers(warm.callers, warm.thinkMicros, () -> baton.facade)) {
                        new BatonSwapBench(warm, baton, bundles, callers, discarded).run(1L << 10);
                    }
                    try (Callers callers = new Callers(warm.callers, warm.thinkMicros, plain::current)) {
                        new PlainFelixBench(warm, plain, bundles, callers, discarded).run(1L << 10);
                    }
                    if (!discarded.problems.isEmpty()) {
                        results.problems.addAll(discarded.problems);
                    }
                    LOG.info("Warm-up done ({} swaps, discarded)", warm.swaps);
                }
                for (long size : config.sizes) {
                    try (Callers callers = new Callers(config.callers, config.thinkMicros, () -> baton.facade)) {
                        new BatonSwapBench(config, baton, bundles, callers, results).run(size);
                    }
                    try (Callers callers = new Callers(config.callers, config.thinkMicros, plain::current)) {
                        new PlainFelixBench(config, plain, bundles, callers, results).run(size);
                    }
                }
                // the same swaps with checkpoints not forced to disk: what the fsync costs the pause
                long smallest = config.sizes.stream().min(Long::compare).orElse(1L << 10);
                baton.syncCheckpoints(false);
                try (Callers callers = new Callers(config.callers, config.thinkMicros, () -> baton.facade)) {
                    new BatonSwapBench(config, baton, bundles, callers, results).runApart(smallest, results.noSyncSwaps);
                } finally {
                    baton.syncCheckpoints(true);
                }
                if (config.cycles > 0) {
                    try (Callers callers = new Callers(config.callers, config.thinkMicros, () -> baton.facade)) {
                        results.endurance = new EnduranceBench(config, baton, bundles, callers).run();
                    }
                }
            }
            if (config.keyed) {
                keyed(config, bundles.keyed(), work.resolve("keyed"), results);
            }
        } finally {
            finish(results, t0, work);
        }
        return results;
    }
}
