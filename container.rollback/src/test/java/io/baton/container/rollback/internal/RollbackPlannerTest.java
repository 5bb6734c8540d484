package io.baton.container.rollback.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.baton.container.core.BundleInfo;
import io.baton.container.rollback.CheckpointInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Which targets a rollback swaps to, and which bundles it replaces, from a checkpoint and the running set. */
public class RollbackPlannerTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static CheckpointInfo.BundleEntry entry(String bsn, String version, String location, String sha) {
        CheckpointInfo.BundleEntry e = new CheckpointInfo.BundleEntry();
        e.symbolicName = bsn;
        e.version = version;
        e.location = location;
        e.sha256 = sha;
        return e;
    }

    private static BundleInfo running(long id, String bsn, String version) {
        BundleInfo b = new BundleInfo();
        b.id = id;
        b.symbolicName = bsn;
        b.version = version;
        return b;
    }

    private static CheckpointInfo checkpoint(CheckpointInfo.BundleEntry... entries) {
        CheckpointInfo c = new CheckpointInfo();
        c.id = "cp-1";
        c.bundles.addAll(List.of(entries));
        return c;
    }

    @Test
    public void aRetiredBundleStillInstalledComesBackByIdAndOnlyChangedBundlesMove() {
        RollbackPlanner planner = new RollbackPlanner(Map.of("loc-a1", 7L)::get, sha -> tmp.getRoot().toPath().resolve(sha + ".jar"));

        RollbackPlanner.Plan plan = planner.plan(checkpoint(entry("a", "1.0.0", "loc-a1", "aa"), entry("b", "1.0.0", "loc-b1", "bb")),
                List.of(running(9, "a", "2.0.0"), running(4, "b", "1.0.0")));

        assertEquals(List.of("bundle:7"), plan.targets);
        assertEquals("the running 2.0.0 is replaced; b did not change", List.of(9L), plan.replaced);
    }

    @Test
    public void anUninstalledVersionComesBackFromItsPinnedJar() throws IOException {
        Path pins = tmp.newFolder("pins").toPath();
        Files.write(pins.resolve("aa.jar"), new byte[] {1});
        RollbackPlanner planner = new RollbackPlanner(location -> null, sha -> pins.resolve(sha + ".jar"));

        RollbackPlanner.Plan plan = planner.plan(checkpoint(entry("a", "1.0.0", "loc-a1", "aa")), List.of(running(9, "a", "2.0.0")));

        assertEquals(List.of(pins.resolve("aa.jar").toString()), plan.targets);
    }

    @Test
    public void aVersionThatCanNoLongerBeHadIsNamed() {
        RollbackPlanner planner = new RollbackPlanner(location -> null, sha -> tmp.getRoot().toPath().resolve(sha + ".jar"));
        try {
            planner.plan(checkpoint(entry("a", "1.0.0", "loc-a1", "aa")), List.of(running(9, "a", "2.0.0")));
            fail("nothing to go back to");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("a 1.0.0 is no longer installed and its pinned jar"));
        }
        try {
            planner.plan(checkpoint(entry("a", "1.0.0", "loc-a1", null)), List.of(running(9, "a", "2.0.0")));
            fail("never pinned");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().endsWith("was never stored"));
        }
    }

    @Test
    public void theRunningSetAlreadyBeingTheCheckpointPlansNothing() {
        RollbackPlanner planner = new RollbackPlanner(location -> 1L, sha -> null);

        assertTrue(planner.plan(checkpoint(entry("a", "1.0.0", "l", "s")), List.of(running(1, "a", "1.0.0"))).isEmpty());
    }
}
