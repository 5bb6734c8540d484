package io.baton.itests.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Threads calling a service in a loop while a test swaps it; they count calls and keep the first failure. */
final class Callers implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Throwable> first = new AtomicReference<>();
    private volatile boolean running = true;

    Callers(String name, int count, Callable<?> call) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> {
                while (running) {
                    try {
                        call.call();
                        calls.incrementAndGet();
                    } catch (Throwable e) {
                        failures.incrementAndGet();
                        first.compareAndSet(null, e);
                    }
                    Thread.onSpinWait();
                }
            }, name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    long calls() {
        return calls.get();
    }

    long failures() {
        return failures.get();
    }

    Throwable firstFailure() {
        return first.get();
    }

    /** Waits until at least {@code n} more calls went through. */
    void awaitCalls(long n) throws InterruptedException {
        long target = calls.get() + n;
        long deadline = System.currentTimeMillis() + 10_000;
        while (calls.get() < target && failures.get() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(5000);
        }
    }
}
