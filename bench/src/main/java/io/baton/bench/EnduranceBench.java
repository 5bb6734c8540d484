package io.baton.bench;

import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swap + rollback cycles under load with 1 KB of state, in one container: JVM snapshots at the start,
 * after the warm-up cycles and at the end, and the class loader of every swapped-in version followed
 * by a weak reference (after its rollback it must be collectable).
 */
final class EnduranceBench {
    private static final Logger LOG = LoggerFactory.getLogger(EnduranceBench.class);
    private static final long SIZE = 1L << 10;

    private final BenchConfig config;
    private final BatonRig rig;
    private final BenchBundles bundles;
    private final Callers callers;
    private final List<WeakReference<ClassLoader>> swappedOut = new ArrayList<>();

    EnduranceBench(BenchConfig config, BatonRig rig, BenchBundles bundles, Callers callers) {
        this.config = config;
        this.rig = rig;
        this.bundles = bundles;
        this.callers = callers;
    }

    Results.Endurance run() throws Exception {
        Results.Endurance e = new Results.Endurance();
        e.cycles = config.cycles;
        callers.pause();
        rig.facade.fill(SIZE, 99);
        callers.resetTotals();
        e.snapshots.add(snapshot("start"));
        callers.resume();
        long t0 = System.currentTimeMillis();
        long segmentStart = System.nanoTime();
        int segment = Math.max(1, config.cycles / 4);
        for (int c = 1; c <= config.cycles; c++) {
            String failure = cycle();
            if (failure != null) {
                e.failedCycles++;
                if (e.firstFailure == null) {
                    e.firstFailure = "cycle " + c + ": " + failure;
                }
            }
            boolean quarter = c % segment == 0;
            if (quarter) {
                e.cycleMillis.put(c, (System.nanoTime() - segmentStart) / 1_000_000.0 / segment);
            }
            String when = c == config.warmupCycles ? "after " + c + " warm-up cycles"
                    : quarter && c > config.warmupCycles && c < config.cycles ? "after " + c + " cycles" : null;
            if (when != null) {
                callers.pause();
                e.snapshots.add(snapshot(when));
                callers.resume();
            }
            if (quarter) {
                segmentStart = System.nanoTime(); // snapshots (full GCs) are not part of any cycle's time
            }
            if (c % 100 == 0) {
                LOG.info("Endurance: {} of {} cycles, {} failed", c, config.cycles, e.failedCycles);
            }
        }
        e.millis = System.currentTimeMillis() - t0;
        callers.pause();
        e.failedCalls = callers.failed.sum();
        e.acknowledgedWrites = callers.ok.sum();
        e.writesInState = rig.facade.writes();
        e.snapshots.add(snapshot("end (" + config.cycles + " cycles)"));
        callers.resume();
        return e;
    }

    private String cycle() {
        int from = rig.facade.version();
        SwapReport report = rig.container.swap(BatonSwapBench.request(bundles.other(from)));
        if (report.status != SwapStatus.SWAPPED) {
            return "swap " + report.status + ": " + report.failure;
        }
        swappedOut.add(new WeakReference<>(rig.blobBundle().adapt(BundleWiring.class).getClassLoader()));
        SwapRecord r = rig.lifecycle.rollback();
        if (r.state != RecordState.DONE) {
            return "rollback " + r.state + ": " + r.failure;
        }
        return rig.facade.version() == from ? null : "version " + rig.facade.version() + " after the rollback, expected " + from;
    }

    private JvmSnapshot snapshot(String when) {
        return JvmSnapshot.take(when, rig.baton.context().getBundles().length,
                () -> swappedOut.stream().filter(w -> w.get() != null).count());
    }
}
