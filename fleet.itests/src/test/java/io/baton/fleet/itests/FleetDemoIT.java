package io.baton.fleet.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code baton.jar demo --fleet} as a child process: its own ZooKeeper, three nodes, the cart rolled
 * 1 -> 2 -> 3 and the faulty 3.1.0 rolled back; exit 0 means every invariant held (checked by the demo);
 * the test checks the exit code, the live lines, the final table and the report's files.
 */
public class FleetDemoIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void theFleetDemoRollsTheCartAcrossThreeNodesAndTheFaultyCanaryBack() throws Exception {
        Path dir = tmp.newFolder("demo").toPath();
        Path report = dir.resolve("report");
        Child demo = Child.run(dir, "demo", List.of("demo", "--fleet", "--nodes", "3", "--report", report.toString()),
                java.util.Map.of(), 300);
        assertEquals(demo.toString(), 0, demo.exit());
        String out = demo.out();
        assertTrue(out, out.contains("PASSED: every invariant held"));
        assertTrue(out, out.contains("COMPLETED") && out.contains("ROLLED_BACK"));
        assertTrue("live progress lines with node phases: " + out, out.contains("TRIAL") && out.contains("req"));
        for (String node : List.of("node-1", "node-2", "node-3")) {
            assertTrue(out, out.lines().anyMatch(l -> l.startsWith(node) && l.contains("3.0.0") && l.contains("all acknowledged present")));
        }
        assertTrue(Files.size(report.resolve("fleet-timeline.png")) > 10_000);
        assertTrue(Files.readString(report.resolve("report.md")).contains("every invariant held"));
        assertTrue(Files.readAllLines(report.resolve("requests.csv")).size() > 100);

        Child bad = Child.run(dir, "bad", List.of("demo", "--fleet", "--nodes", "9"));
        assertEquals(bad.toString(), 2, bad.exit());
        assertTrue(bad.err(), bad.err().contains("--nodes must be from 3 to 5, was 9"));
    }
}
