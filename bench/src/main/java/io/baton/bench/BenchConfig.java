package io.baton.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parameters of one benchmark run. {@link #full()} is the run whose results are committed;
 * {@link #smoke()} the tiny run of the normal test suite. Options ({@code --name value}) override
 * either: {@code --sizes 1KB,1MB --swaps 20 --rollbacks 10 --auto-rollbacks 3 --plain-updates 20
 * --restarts 5 --callers 4 --think-micros 0 --warmup-swaps 5 --cycles 1000 --warmup-cycles 50 --jmh true --jmh-forks 2
 * --jmh-warmups 5 --jmh-iterations 5 --bundles DIR --out DIR --smoke}; {@code --jmh-only} runs only the JMH facade
 * benchmark (1 thread and as many as cores) and writes {@code <date>-jmh-results.md}.
 */
final class BenchConfig {
    String label = "full";
    List<Long> sizes = new ArrayList<>(List.of(1L << 10, 1L << 20, 10L << 20, 100L << 20));
    int swaps = 20;
    int rollbacks = 10;
    int autoRollbacks = 3;
    int plainUpdates = 20;
    int restarts = 5;
    int callers = 4;
    /** Pause of each caller between two calls, microseconds; 0 runs them flat out. */
    long thinkMicros = 0;
    /** Swaps (and plain updates) run and discarded before the measured ones, so that the JIT has seen the paths. */
    int warmupSwaps = 5;
    int cycles = 1000;
    int warmupCycles = 50;
    boolean jmh = true;
    /** Also swap the keyed blob (pre-copy) at every size, side by side with the eager blob. */
    boolean keyed = true;
    /** Only the JMH facade benchmark, written to {@code <date>-jmh-results.md} (latest.md untouched). */
    boolean jmhOnly;
    int jmhForks = 2;
    int jmhWarmups = 5;
    int jmhIterations = 5;
    Path bundles = Path.of(System.getProperty("bench.bundles", "target/bench-bundles"));
    Path out = Path.of("results");
    /** Where a JVM-wide leak would show: the cap on metaspace growth from warm-up to end, bytes. */
    long metaspaceNoise = 5L << 20;
    /** Threads that may come and go (pools with keep-alive) without being a leak. */
    int threadNoise = 3;
    /** Loaded classes that may come and go (JIT, reflection accessors) without being a leak. */
    int classNoise = 500;

    static BenchConfig full() {
        return new BenchConfig();
    }

    static BenchConfig smoke() {
        BenchConfig c = new BenchConfig();
        c.label = "smoke";
        c.sizes = new ArrayList<>(List.of(1L << 10));
        c.swaps = 3;
        c.rollbacks = 2;
        c.autoRollbacks = 1;
        c.plainUpdates = 2;
        c.restarts = 1;
        c.cycles = 5;
        c.warmupCycles = 2;
        c.warmupSwaps = 1;
        c.jmh = false;
        return c;
    }

    /** The warm-up: a few swaps, rollbacks and plain updates at 1 KB whose numbers are discarded. */
    BenchConfig warmUp() {
        BenchConfig w = new BenchConfig();
        w.label = "warm-up";
        w.sizes = new ArrayList<>(List.of(1L << 10));
        w.swaps = Math.max(1, warmupSwaps);
        w.rollbacks = 2;
        w.autoRollbacks = 1;
        w.plainUpdates = 2;
        w.restarts = 0;
        w.callers = callers;
        w.thinkMicros = thinkMicros;
        return w;
    }

    static BenchConfig parse(String[] args) {
        BenchConfig c = List.of(args).contains("--smoke") ? smoke() : full();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (key.equals("--smoke")) {
                continue;
            }
            if (key.equals("--jmh-only")) {
                c.jmhOnly = true;
                c.jmh = true;
                c.label = "JMH only";
                continue;
            }
            if (!key.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value, got " + key);
            }
            String v = args[++i];
            switch (key) {
                case "--sizes": c.sizes = sizes(v); break;
                case "--swaps": c.swaps = Integer.parseInt(v); break;
                case "--rollbacks": c.rollbacks = Integer.parseInt(v); break;
                case "--auto-rollbacks": c.autoRollbacks = Integer.parseInt(v); break;
                case "--plain-updates": c.plainUpdates = Integer.parseInt(v); break;
                case "--restarts": c.restarts = Integer.parseInt(v); break;
                case "--callers": c.callers = Integer.parseInt(v); break;
                case "--think-micros": c.thinkMicros = Long.parseLong(v); break;
                case "--warmup-swaps": c.warmupSwaps = Integer.parseInt(v); break;
                case "--cycles": c.cycles = Integer.parseInt(v); break;
                case "--warmup-cycles": c.warmupCycles = Integer.parseInt(v); break;
                case "--jmh": c.jmh = Boolean.parseBoolean(v); break;
                case "--keyed": c.keyed = Boolean.parseBoolean(v); break;
                case "--jmh-forks": c.jmhForks = Integer.parseInt(v); break;
                case "--jmh-warmups": c.jmhWarmups = Integer.parseInt(v); break;
                case "--jmh-iterations": c.jmhIterations = Integer.parseInt(v); break;
                case "--bundles": c.bundles = Path.of(v); break;
                case "--out": c.out = Path.of(v); break;
                case "--label": c.label = v; break;
                default: throw new IllegalArgumentException("Unknown option " + key);
            }
        }
        if (c.callers < 1 || c.swaps < 1) {
            throw new IllegalArgumentException("--callers and --swaps must be at least 1");
        }
        return c;
    }

    static List<Long> sizes(String text) {
        List<Long> sizes = new ArrayList<>();
        for (String s : text.split(",")) {
            String t = s.trim().toUpperCase(Locale.ROOT);
            long unit = t.endsWith("KB") ? 1L << 10 : t.endsWith("MB") ? 1L << 20 : 1;
            String digits = unit == 1 ? t.replaceAll("B$", "") : t.substring(0, t.length() - 2);
            sizes.add(Long.parseLong(digits) * unit);
        }
        return sizes;
    }

    static String size(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " B";
    }

    @Override
    public String toString() {
        return label + ": sizes " + sizes.stream().map(BenchConfig::size).toList() + ", " + swaps + " swaps, " + rollbacks
                + " manual and " + autoRollbacks + " automatic rollbacks, " + plainUpdates + " plain updates and " + restarts
                + " restarts per size after " + warmupSwaps + " warm-up swaps, " + callers + " callers (think time " + thinkMicros + " us), " + cycles + " endurance cycles (" + warmupCycles
                + " warm-up), JMH " + (jmh ? jmhForks + " fork(s) x " + jmhWarmups + " warm-up + " + jmhIterations + " x 1 s" : "off");
    }
}
