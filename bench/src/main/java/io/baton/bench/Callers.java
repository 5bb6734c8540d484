package io.baton.bench;

import io.baton.bench.api.BlobService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Caller threads that write to the blob service in a loop ({@link BlobService#touch()}), as fast as
 * they can. A call fails when the source has no service (plain Felix between registrations) or the
 * call throws. Counts per {@link Window} and in total: successful and failed calls, the longest call,
 * and the longest outage (from a thread's first failed call to its next successful one).
 *
 * <p>{@link #pause()} holds every thread between calls, so that the harness can read or reset the
 * state with no write in flight.
 */
final class Callers implements AutoCloseable {
    private final AtomicReference<Supplier<BlobService>> source;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLongArray servedEpoch;
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean paused;
    private final Object pauseMonitor = new Object();
    private int parked;

    // totals since the last reset
    final LongAdder ok = new LongAdder();
    final LongAdder failed = new LongAdder();
    // the current window
    private final LongAdder windowOk = new LongAdder();
    private final LongAdder windowFailed = new LongAdder();
    private final AtomicLong windowLongestCall = new AtomicLong();
    private final AtomicLong windowLongestOutage = new AtomicLong();
    private volatile String lastFailure;

    private final long thinkNanos;

    /**
     * @param thinkMicros pause between two calls of one thread (0: none, the threads run flat out)
     */
    Callers(int count, long thinkMicros, Supplier<BlobService> initial) {
        this.thinkNanos = thinkMicros * 1000;
        this.source = new AtomicReference<>(initial);
        this.servedEpoch = new AtomicLongArray(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread t = new Thread(() -> loop(index), "bench-caller-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** Where the callers get the service from on every call (e.g. a new framework's tracker). */
    void source(Supplier<BlobService> next) {
        source.set(next);
    }

    private void loop(int index) {
        long outageStart = 0;
        while (running) {
            if (paused) {
                park();
                continue;
            }
            long e = epoch.get();
            long t0 = System.nanoTime();
            boolean success;
            try {
                BlobService s = source.get().get();
                if (s == null) {
                    success = false;
                    lastFailure = "no service";
                } else {
                    s.touch();
                    success = true;
                }
            } catch (RuntimeException | LinkageError ex) {
                success = false;
                lastFailure = ex.toString();
            }
            long t1 = System.nanoTime();
            if (t1 - t0 > windowLongestCall.get()) {
                windowLongestCall.accumulateAndGet(t1 - t0, Math::max);
            }
            if (success) {
                ok.increment();
                windowOk.increment();
                if (outageStart != 0) {
                    windowLongestOutage.accumulateAndGet(t1 - outageStart, Math::max);
                    outageStart = 0;
                }
                if (servedEpoch.get(index) < e) {
                    servedEpoch.set(index, e); // one writer per index
                }
            } else {
                failed.increment();
                windowFailed.increment();
                if (outageStart == 0) {
                    outageStart = t0;
                }
                Thread.onSpinWait();
            }
            if (thinkNanos > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(thinkNanos);
            }
        }
    }

    private void park() {
        synchronized (pauseMonitor) {
            parked++;
            pauseMonitor.notifyAll();
            while (paused && running) {
                try {
                    pauseMonitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            parked--;
        }
    }

    /** Holds every caller between two calls; returns when all are held. */
    void pause() throws InterruptedException {
        synchronized (pauseMonitor) {
            paused = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (parked < threads.size()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("callers did not pause within 30 s: a call is stuck");
                }
                pauseMonitor.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    void resume() {
        synchronized (pauseMonitor) {
            paused = false;
            pauseMonitor.notifyAll();
        }
    }

    /** Resets the totals (with the callers paused). */
    void resetTotals() {
        ok.reset();
        failed.reset();
    }

    /** Starts a measurement window: the statistics of the calls from now on. */
    Window window() {
        windowOk.reset();
        windowFailed.reset();
        windowLongestCall.set(0);
        windowLongestOutage.set(0);
        lastFailure = null;
        return new Window(System.nanoTime());
    }

    /** One operation's view of the callers. */
    final class Window {
        final long startNanos;
        long endNanos;
        long okCalls;
        long failedCalls;
        long longestCallNanos;
        long longestOutageNanos;
        String lastFailure;

        Window(long startNanos) {
            this.startNanos = startNanos;
        }

        /**
         * Ends the window once every caller has completed a successful call that started after this
         * moment (the service serves everyone again), or after {@code timeoutMillis}.
         *
         * @return this, with the statistics
         */
        Window end(long timeoutMillis) throws InterruptedException {
            long mark = epoch.incrementAndGet();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (!allServed(mark) && System.nanoTime() < deadline) {
                Thread.sleep(0, 200_000);
            }
            endNanos = System.nanoTime();
            okCalls = windowOk.sum();
            failedCalls = windowFailed.sum();
            longestCallNanos = windowLongestCall.get();
            longestOutageNanos = windowLongestOutage.get();
            lastFailure = Callers.this.lastFailure;
            if (!allServed(mark)) {
                throw new IllegalStateException("callers not served again within " + timeoutMillis + " ms; last failure: " + lastFailure
                        + "; callers: " + describe(mark));
            }
            return this;
        }

        /** Each caller's last served epoch and where it is now, for the error message. */
        private String describe(long mark) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < threads.size(); i++) {
                Thread t = threads.get(i);
                b.append("\n  ").append(t.getName()).append(" served at epoch ").append(servedEpoch.get(i)).append(" (needed ")
                        .append(mark).append("), ").append(t.getState());
                StackTraceElement[] stack = t.getStackTrace();
                for (int j = 0; j < Math.min(12, stack.length); j++) {
                    b.append("\n    at ").append(stack[j]);
                }
            }
            return b.toString();
        }

        private boolean allServed(long mark) {
            for (int i = 0; i < servedEpoch.length(); i++) {
                if (servedEpoch.get(i) < mark) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        resume();
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
