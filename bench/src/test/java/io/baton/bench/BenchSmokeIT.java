package io.baton.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/**
 * The benchmark harness with tiny parameters, so that it never rots: 1 KB of state, a few swaps and
 * rollbacks, one plain Felix update and restart, a few endurance cycles. Asserts what must hold on
 * any machine (no failed call through Baton, state intact, the comparison sees the plain losses, the
 * report written), never wall-clock limits.
 */
public class BenchSmokeIT {

    @Test
    public void smokeRunKeepsEveryCallAndWriteAndWritesTheReport() throws Exception {
        BenchConfig config = BenchConfig.smoke();
        config.bundles = Path.of(System.getProperty("bench.bundles", "target/bench-bundles"));
        config.out = Path.of(System.getProperty("bench.smoke.out", "target/smoke-results"));

        Results r = BenchMain.run(config);

        // Baton's problems fail the test; plain Felix's (a service that did not come back) are data.
        assertEquals("problems: " + r.problems, List.of(),
                r.problems.stream().filter(p -> !p.startsWith("plain Felix")).collect(java.util.stream.Collectors.toList()));
        assertEquals(config.swaps, r.swaps.size());
        for (Results.SwapSample s : r.swaps) {
            assertEquals(s.failure, "SWAPPED", s.status);
            assertEquals("failed calls during a Baton swap", 0, s.failedCalls);
            assertEquals("the consumer keeps its facade", 0, s.consumerRestarts);
            assertTrue("state intact after the swap", s.stateIntact);
            assertTrue("state moved", s.stateBytes >= 1024);
            assertTrue("callers kept calling", s.okCalls > 0);
        }
        assertEquals("the swaps without fsync ran too", config.swaps, r.noSyncSwaps.size());
        for (Results.SwapSample s : r.noSyncSwaps) {
            assertEquals(s.failure, "SWAPPED", s.status);
            assertEquals("failed calls during a swap without fsync", 0, s.failedCalls);
            assertTrue("state intact after a swap without fsync", s.stateIntact);
        }
        for (Results.SizeCheck c : r.sizeChecks) {
            assertEquals("every acknowledged write is in the state", c.acknowledgedWrites, c.writesInState);
        }
        assertEquals("the keyed blob's swaps ran too", config.swaps, r.keyedSwaps.size());
        for (Results.SwapSample s : r.keyedSwaps) {
            assertEquals(s.failure, "SWAPPED", s.status);
            assertEquals("failed calls during a keyed swap", 0, s.failedCalls);
            assertTrue("state intact after a keyed swap", s.stateIntact);
            assertTrue("keyed state moved", s.stateBytes >= 1024);
        }
        for (Results.SizeCheck c : r.keyedChecks) {
            assertEquals("every acknowledged write is in the keyed blob's counter", c.acknowledgedWrites, c.writesInState);
        }
        assertEquals(config.rollbacks + config.autoRollbacks, r.rollbacks.size());
        for (Results.RollbackSample s : r.rollbacks) {
            assertEquals(s.failure, "DONE", s.state);
            assertTrue("state intact after the rollback", s.stateIntact);
            assertTrue("rollback time measured", s.rollbackMicros > 0);
            if (s.kind.equals("manual")) {
                assertEquals("failed calls during a manual rollback", 0, s.failedCalls);
            } else {
                assertTrue("the faulty version failed calls until the detector rolled it back", s.failedCalls > 0);
            }
        }
        Results.PlainSample update = r.plain.stream().filter(p -> p.method.equals("update+refresh")).findFirst().orElseThrow();
        assertTrue("plain Felix: the consumer restarts on update+refresh", update.consumerRestarts >= 1);
        assertEquals("plain Felix: the new instance starts empty", 1024, update.stateBytesLost);
        assertTrue(r.plain.stream().anyMatch(p -> p.method.equals("framework restart")));

        assertNotNull(r.endurance);
        assertEquals(r.endurance.firstFailure, 0, r.endurance.failedCycles);
        assertEquals(0, r.endurance.failedCalls);
        assertEquals(r.endurance.acknowledgedWrites, r.endurance.writesInState);
        assertTrue("start, after the warm-up, end", r.endurance.snapshots.size() >= 3);
        assertEquals("start", r.endurance.snapshots.get(0).when);
        assertEquals("no swapped-out class loader left", 0, r.endurance.snapshots.get(r.endurance.snapshots.size() - 1).liveBundleLoaders);

        Report report = new Report(r);
        Path md = report.write(config.out, "smoke");
        String text = Files.readString(md);
        assertTrue(text.contains("## Targets"));
        for (Targets.Row t : report.targets()) {
            assertTrue("every target judged: " + t.target, text.contains(t.target));
        }
        assertTrue(Files.readString(config.out.resolve("smoke-results.csv")).startsWith("section,method,size_bytes,metric,value,unit"));
        assertTrue(Files.exists(config.out.resolve("latest.md")));
    }
}
