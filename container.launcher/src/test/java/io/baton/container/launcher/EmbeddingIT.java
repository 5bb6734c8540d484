package io.baton.container.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The embedding API, in this JVM: what a host application does. */
public class EmbeddingIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void startsAndClosesTwiceInOneJvmWithoutLeakingThreads() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        for (int round = 1; round <= 2; round++) {
            try (BatonContainer baton = Baton.builder().home(home).start()) {
                Container container = baton.service(Container.class, Duration.ofSeconds(10));
                for (BundleInfo b : container.status().bundles) {
                    if (b.symbolicName.startsWith("io.baton.container.")) {
                        assertEquals("round " + round + ": " + b.symbolicName, "ACTIVE", b.state);
                    }
                }
                baton.awaitCommands(Duration.ofSeconds(10));
                String table = baton.execute("baton:status");
                assertTrue(table, table.contains("io.baton.container.shell"));
            }
        }

        Set<String> leaked = Set.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        do {
            Thread.sleep(100);
            leaked = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .map(Thread::getName)
                    .collect(Collectors.toSet());
        } while (!leaked.isEmpty() && System.nanoTime() < deadline);
        assertEquals("threads left behind by two start/close rounds", Set.of(), leaked);
    }

    @Test
    public void aSecondContainerOnTheSameHomeIsRefused() throws Exception {
        Path home = tmp.newFolder("shared").toPath();
        try (BatonContainer first = Baton.builder().home(home).start()) {
            BatonHomeException e = assertThrows(BatonHomeException.class, () -> Baton.builder().home(home).start());
            assertTrue(e.getMessage(), e.getMessage().contains("is in use by another Baton container"));
            assertEquals("the first keeps running", 32, first.framework().getState());
        }
    }

    @Test
    public void aFailingCommandThrowsWithGogosError() throws Exception {
        try (BatonContainer baton = Baton.builder().home(tmp.newFolder().toPath()).start()) {
            baton.awaitCommands(Duration.ofSeconds(10));
            CommandFailedException e = assertThrows(CommandFailedException.class, () -> baton.execute("nosuch:cmd"));
            assertEquals("CommandNotFoundException: Command not found: nosuch:cmd", e.getMessage());
            assertEquals("nosuch:cmd", e.command());
        }
    }
}
