package io.baton.bench;

import io.baton.container.core.PhaseTiming;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.core.SwapStatus;
import io.baton.container.rollback.RecordKind;
import io.baton.container.rollback.SwapRecord;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps and rollbacks through Baton while the callers write: for one state size, {@code swaps} swaps
 * 1.0.0 <-> 2.0.0 (each committed), {@code rollbacks} swaps rolled back by hand, and
 * {@code autoRollbacks} swaps to the faulty 2.0.1 that the error-rate detector rolls back.
 */
final class BatonSwapBench {
    private static final Logger LOG = LoggerFactory.getLogger(BatonSwapBench.class);
    static final long PROBATION_MILLIS = 600_000;

    private final BenchConfig config;
    private final BatonRig rig;
    private final BenchBundles bundles;
    private final Callers callers;
    private final Results results;

    BatonSwapBench(BenchConfig config, BatonRig rig, BenchBundles bundles, Callers callers, Results results) {
        this.config = config;
        this.rig = rig;
        this.bundles = bundles;
        this.callers = callers;
        this.results = results;
    }

    /** A swap request with room for the largest state: the pause bound is lifted to 60 s (see README). */
    static SwapRequest request(Path jar) {
        SwapRequest r = SwapRequest.of(jar.toString());
        r.maxPauseMillis = 60_000;
        r.migrationTimeoutMillis = 60_000;
        r.probationMillis = PROBATION_MILLIS;
        return r;
    }

    void run(long size) throws Exception {
        long fingerprint = fillAfresh(size);
        for (int i = 1; i <= config.swaps; i++) {
            swap(size, fingerprint, i);
        }
        for (int i = 1; i <= config.rollbacks; i++) {
            manualRollback(size, fingerprint);
        }
        for (int i = 1; i <= config.autoRollbacks; i++) {
            automaticRollback(size, fingerprint);
        }
        Results.SizeCheck check = checkWrites(size, results.sizeChecks);
        LOG.info("Baton {}: {} acknowledged writes, {} in the state", BenchConfig.size(size), check.acknowledgedWrites, check.writesInState);
    }

    /** {@code config.swaps} more swaps at {@code size}, recorded apart (the caller changed the configuration). */
    void runApart(long size, java.util.List<Results.SwapSample> into) throws Exception {
        long fingerprint = fillAfresh(size);
        for (int i = 1; i <= config.swaps; i++) {
            swap(size, fingerprint, i, into);
        }
    }

    /** The keyed blob's swaps at {@code size}, recorded apart, then its write counter against the acknowledged writes. */
    void runKeyed(long size) throws Exception {
        runApart(size, results.keyedSwaps);
        checkWrites(size, results.keyedChecks);
    }

    /** The service's write counter against the acknowledged writes, read while the callers wait, added to {@code into}. */
    private Results.SizeCheck checkWrites(long size, java.util.List<Results.SizeCheck> into) throws InterruptedException {
        callers.pause();
        Results.SizeCheck check = new Results.SizeCheck();
        check.size = size;
        check.acknowledgedWrites = callers.ok.sum();
        check.writesInState = rig.facade.writes();
        check.failedCalls = callers.failed.sum();
        into.add(check);
        callers.resume();
        return check;
    }

    /** Fills the blob with {@code size} bytes while the callers wait, and restarts their totals: @return its fingerprint */
    private long fillAfresh(long size) throws InterruptedException {
        callers.pause();
        rig.facade.fill(size, 42 + size);
        long fingerprint = rig.facade.fingerprint();
        callers.resetTotals();
        callers.resume();
        return fingerprint;
    }

    private void swap(long size, long fingerprint, int i) throws Exception {
        swap(size, fingerprint, i, results.swaps);
    }

    private void swap(long size, long fingerprint, int i, java.util.List<Results.SwapSample> into) throws Exception {
        int from = rig.facade.version();
        int activations = rig.consumerActivations();
        Callers.Window w = callers.window();
        SwapReport report = rig.container.swap(request(bundles.other(from)));
        w.end(30_000);
        Results.SwapSample s = new Results.SwapSample();
        s.size = size;
        s.status = String.valueOf(report.status);
        s.failure = report.failure;
        s.pauseMicros = report.pauseMicros;
        s.reportLongestWaitMicros = report.longestWaitMicros;
        s.waitedCalls = report.waitedCalls;
        s.stateBytes = report.stateBytes;
        s.totalMicros = report.totalMicros;
        for (PhaseTiming t : report.phases) {
            s.phaseMicros.put(String.valueOf(t.phase), t.micros);
        }
        s.callerLongestCallMicros = w.longestCallNanos / 1000;
        s.failedCalls = w.failedCalls;
        s.okCalls = w.okCalls;
        s.consumerRestarts = rig.consumerActivations() - activations;
        s.stateIntact = report.status == SwapStatus.SWAPPED && rig.facade.version() != from
                && rig.facade.stateBytes() == size && rig.facade.fingerprint() == fingerprint;
        into.add(s);
        if (report.status == SwapStatus.SWAPPED) {
            boolean measure = !results.standbyBytes.containsKey(size);
            long inTrial = measure ? usedHeapAfterGc() : 0;
            rig.lifecycle.commit();
            if (measure) {
                results.standbyBytes.put(size, inTrial - usedHeapAfterGc());
            }
        } else {
            results.problems.add("Baton swap " + i + " at " + BenchConfig.size(size) + ": " + report.status + " " + report.failure);
        }
        LOG.info("Baton swap {} at {}: {} pause {} us, longest call {} us, {} failed calls", i, BenchConfig.size(size), report.status,
                report.pauseMicros, s.callerLongestCallMicros, s.failedCalls);
    }

    private void manualRollback(long size, long fingerprint) throws Exception {
        int from = rig.facade.version();
        SwapReport report = rig.container.swap(request(bundles.other(from)));
        if (report.status != SwapStatus.SWAPPED) {
            results.problems.add("swap before a rollback at " + BenchConfig.size(size) + ": " + report.status + " " + report.failure);
            return;
        }
        Callers.Window w = callers.window();
        SwapRecord record = rig.lifecycle.rollback();
        w.end(30_000);
        add(size, "manual", record, w, -1, from, fingerprint);
    }

    private void automaticRollback(long size, long fingerprint) throws Exception {
        int from = rig.facade.version();
        Callers.Window w = callers.window();
        SwapReport report = rig.container.swap(request(bundles.faulty));
        long switchedAt = System.currentTimeMillis();
        if (report.status != SwapStatus.SWAPPED) {
            results.problems.add("swap to the faulty blob at " + BenchConfig.size(size) + ": " + report.status + " " + report.failure);
            return;
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (rig.lifecycle.trial() != null && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        w.end(30_000);
        SwapRecord record = rig.lifecycle.history(1).get(0);
        if (record.kind != RecordKind.ROLLBACK) {
            results.problems.add("the faulty blob at " + BenchConfig.size(size) + " was not rolled back within 60 s: " + record.kind + " " + record.state);
            rig.lifecycle.rollback();
            return;
        }
        add(size, "error-rate", record, w, Math.max(0, record.startedAt - switchedAt), from, fingerprint);
    }

    /** Heap in use after a full collection (twice, for the finalizer-free references to clear), bytes. */
    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private void add(long size, String kind, SwapRecord record, Callers.Window w, long detectionMillis, int from, long fingerprint) {
        Results.RollbackSample s = new Results.RollbackSample();
        s.size = size;
        s.kind = kind;
        s.state = String.valueOf(record.state);
        s.failure = record.failure;
        s.rollbackMicros = record.rollbackMicros;
        s.pauseMicros = record.pauseMicros;
        s.detectionMillis = detectionMillis;
        s.failedCalls = w.failedCalls;
        s.callerLongestCallMicros = w.longestCallNanos / 1000;
        s.evidence = record.evidence;
        if (record.phaseMicros != null) {
            s.phaseMicros.putAll(record.phaseMicros);
        }
        s.servingMicros = record.servingMicros; // detection -> the old version's gates open (Trials measures it)
        s.detectionMicros = record.detectionMicros;
        s.stateIntact = rig.facade.version() == from && rig.facade.stateBytes() == size && rig.facade.fingerprint() == fingerprint;
        results.rollbacks.add(s);
        if (record.failure != null) {
            results.problems.add(kind + " rollback at " + BenchConfig.size(size) + ": " + record.failure);
        }
        LOG.info("Rollback ({}) at {}: {} in {} us (pause {} us), {} failed calls", kind, BenchConfig.size(size), record.state,
                record.rollbackMicros, record.pauseMicros, w.failedCalls);
    }
}
