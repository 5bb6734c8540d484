package io.baton.bench;

import io.baton.bench.api.BlobService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: a call through Baton's facade against a direct call to the same implementation object, in a
 * real embedded container, on the empty method and on the ~1 us method. All threads of a run share
 * the one facade ({@code Scope.Benchmark}): {@link JmhRunner} runs it with 1 thread and with as many
 * threads as cores, for the contended case. Run by {@link JmhRunner} (the full run, or
 * {@code --jmh-only}) or by hand: {@code java -cp <class path> org.openjdk.jmh.Main FacadeOverheadBench -t 2}
 * with {@code -Dbench.bundles=<dir>}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FacadeOverheadBench {
    /** Rounds of the work method; the full run calibrates it to ~1 us (JmhRunner). */
    @Param("500")
    public int rounds;

    private BatonRig rig;
    private Path home;
    private BlobService direct;
    private BlobService facade;

    @Setup(Level.Trial)
    public void start() throws Exception {
        home = Files.createTempDirectory("baton-jmh");
        BenchBundles bundles = BenchBundles.in(Path.of(System.getProperty("bench.bundles", "target/bench-bundles")), home.resolve("work"));
        rig = new BatonRig(home.resolve("home"), bundles, false);
        facade = rig.facade;
        direct = rig.directBlob();
        boolean proxy = Boolean.getBoolean("baton.facade.proxy");
        if (direct == facade || java.lang.reflect.Proxy.isProxyClass(facade.getClass()) != proxy) {
            throw new IllegalStateException("expected a " + (proxy ? "JDK proxy" : "generated") + " facade, not "
                    + facade.getClass().getName() + ", and a direct implementation object");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        rig.close();
        JmhRunner.delete(home);
    }

    /** One thread's own counter, as a gate's per-thread entry counter is. */
    @State(Scope.Thread)
    public static class OwnCounter {
        volatile long entered;
        long plain;
    }

    /**
     * The floor of a drain-safe gate: one volatile store to the thread's own counter (the store-load
     * fence the entry needs, see Gate), and nothing else. Not a facade call; printed for comparison.
     */
    @Benchmark
    public void fenceOnly(OwnCounter own) {
        own.entered = ++own.plain;
    }

    @Benchmark
    public void directEmpty() {
        direct.ping();
    }

    @Benchmark
    public void facadeEmpty() {
        facade.ping();
    }

    @Benchmark
    public long directWork() {
        return direct.work(rounds);
    }

    @Benchmark
    public long facadeWork() {
        return facade.work(rounds);
    }
}
