package io.baton.container.statexfer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrator threads given up on: past their deadline they were interrupted; a migrator that ignores
 * interrupts keeps its thread busy, so it is listed (status shows it, with where it is) and, after a
 * grace, stopped where the JVM still can ({@code Thread.stop}, which JDK 20 and later refuse: there it
 * stays listed until it ends). Stopping is safe enough here as it is nowhere else: a migrator works on
 * a private copy of a snapshot, never on a live object. Thread-safe.
 */
final class AbandonedMigrators {
    private static final Logger LOG = LoggerFactory.getLogger(AbandonedMigrators.class);
    /** How long an interrupted migrator gets to stop on its own. */
    static final long GRACE_MILLIS = 2_000;

    /** @param running holds the thread while it runs the abandoned migrator, null once it returned */
    private record Entry(Thread thread, AtomicReference<Thread> running, String what, Instant since) {}

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "baton-migrator-reaper");
        t.setDaemon(true);
        return t;
    });

    /** @param running the reference the migrator's task holds its thread in while it runs */
    void abandon(AtomicReference<Thread> running, String what) {
        Thread thread = running.get();
        if (thread == null) {
            return; // it returned meanwhile
        }
        Entry e = new Entry(thread, running, what, Instant.now());
        entries.add(e);
        LOG.error("{} ran past its deadline; its thread '{}' is interrupted and abandoned", what, thread.getName());
        timer.schedule(() -> stop(e), GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void stop(Entry e) {
        if (!running(e)) {
            return;
        }
        try {
            e.thread().stop();
            LOG.error("{} ignored its interrupt for {} ms: thread '{}' stopped", e.what(), GRACE_MILLIS, e.thread().getName());
        } catch (UnsupportedOperationException unsupported) {
            LOG.error("{} ignores its interrupt and this JVM cannot stop a thread: '{}' keeps running, listed in baton:status",
                    e.what(), e.thread().getName());
        }
    }

    /** Still in the abandoned migrator (not back in the pool, where it may run another). */
    private static boolean running(Entry e) {
        return e.running().get() == e.thread() && e.thread().isAlive();
    }

    /** @return the abandoned migrators still running */
    List<String> list() {
        entries.removeIf(e -> !running(e));
        List<String> lines = new ArrayList<>();
        for (Entry e : entries) {
            StackTraceElement[] stack = e.thread().getStackTrace();
            lines.add("thread '" + e.thread().getName() + "' running " + e.what() + " since " + e.since() + (stack.length == 0 ? "" : ", at " + stack[0]));
        }
        return lines;
    }

    void close() {
        timer.shutdownNow();
    }
}
