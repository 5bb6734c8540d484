package io.baton.bench;

import io.baton.bench.api.BlobService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same service swapped without Baton, under the same load: {@code bundle:update} (update and
 * refresh) and a framework restart. Before each swap the blob is filled afresh; after it, the state
 * the new instance holds is compared with what was there.
 */
final class PlainFelixBench {
    private static final Logger LOG = LoggerFactory.getLogger(PlainFelixBench.class);

    private final BenchConfig config;
    private final PlainFelixRig rig;
    private final BenchBundles bundles;
    private final Callers callers;
    private final Results results;

    PlainFelixBench(BenchConfig config, PlainFelixRig rig, BenchBundles bundles, Callers callers, Results results) {
        this.config = config;
        this.rig = rig;
        this.bundles = bundles;
        this.callers = callers;
        this.results = results;
    }

    void run(long size) throws Exception {
        for (int i = 1; i <= config.plainUpdates; i++) {
            measure(size, "update+refresh", () -> rig.updateAndRefresh(bundles.other(rig.current().version())));
        }
        for (int i = 1; i <= config.restarts; i++) {
            measure(size, "framework restart", rig::restart);
        }
    }

    private interface Operation {
        void run() throws Exception;
    }

    private void measure(long size, String method, Operation op) throws Exception {
        callers.pause();
        rig.awaitServices();
        BlobService before = rig.current();
        before.fill(size, 7 + size);
        long fingerprint = before.fingerprint();
        int activations = rig.consumerActivations();
        callers.resetTotals();
        callers.resume();
        Callers.Window w = callers.window();
        long t0 = System.nanoTime();
        op.run();
        long opMicros = (System.nanoTime() - t0) / 1000;
        boolean served = true;
        int recoveredFrom = -1;
        try {
            w.end(60_000);
        } catch (IllegalStateException e) {
            // Recorded, not fatal: the service did not come back (the downtime is then at least the timeout).
            // Recover with a framework restart and go on.
            served = false;
            recoveredFrom = rig.consumerActivations();
            String problem = "plain Felix " + method + " at " + BenchConfig.size(size) + ": " + rig.describe() + "; " + e.getMessage();
            LOG.error(problem);
            results.problems.add(problem.replace('\n', ' '));
            rig.restart();
            rig.awaitServices();
        }
        callers.pause();
        rig.awaitServices();
        BlobService after = rig.current();
        Results.PlainSample s = new Results.PlainSample();
        s.size = size;
        s.method = method;
        s.operationMicros = opMicros;
        s.failedCalls = w.failedCalls;
        s.callerLongestCallMicros = w.longestCallNanos / 1000;
        s.downtimeMicros = served ? Math.max(w.longestOutageNanos, w.longestCallNanos) / 1000 : (w.endNanos - w.startNanos) / 1000;
        int now = rig.consumerActivations();
        // A restart creates a new class loader: the counter starts again at 1 (one restart).
        s.consumerRestarts = method.equals("framework restart") ? 1
                : served ? now - activations
                : Math.max(0, recoveredFrom - activations) + 1; // the recovery restart restarts it once more
        boolean kept = after.stateBytes() == size && after.fingerprint() == fingerprint;
        s.stateBytesLost = kept ? 0 : size;
        s.writesLost = Math.max(0, callers.ok.sum() - after.writes());
        s.lastFailure = w.lastFailure;
        results.plain.add(s);
        callers.resume();
        LOG.info("Plain Felix {} at {}: downtime {} us, {} failed calls, consumer restarts {}, state lost {} B ({})", method,
                BenchConfig.size(size), s.downtimeMicros, s.failedCalls, s.consumerRestarts, s.stateBytesLost, s.lastFailure);
    }
}
