package io.baton.container.core.internal;

import io.baton.container.core.spi.Failures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs application code (exportState, importState, suspend, resume, a bundle's activator, a component's
 * activation) where Baton can give up on it: on a thread of its own, within a deadline. Code that
 * throws anything ({@code Throwable}) or does not return in time fails the step with a one-line cause;
 * a thread that did not return is abandoned (interrupted, never reused) and listed until it ends, so
 * that status and reports name it. Thread-safe.
 */
final class AppCalls {
    private static final Logger LOG = LoggerFactory.getLogger(AppCalls.class);

    /** A thread Baton gave up waiting for. */
    record Abandoned(String thread, String what, Instant since, Thread handle) {
        @Override
        public String toString() {
            StackTraceElement[] stack = handle.getStackTrace();
            return "thread '" + thread + "' running " + what + " since " + since + (stack.length == 0 ? "" : ", at " + stack[0]);
        }
    }

    private final ThreadPoolExecutor threads;
    private final List<Abandoned> abandoned = new CopyOnWriteArrayList<>();

    AppCalls() {
        AtomicInteger n = new AtomicInteger();
        threads = new ThreadPoolExecutor(2, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "baton-app-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.prestartAllCoreThreads(); // a swap's pause should not include creating a thread
    }

    /**
     * @param what what is called, for messages: {@code importState() of cart 2.0.0}
     * @param timeoutMillis how long to wait for it
     * @throws PhaseFailure if it threw (the root cause named) or did not return in time (the thread abandoned)
     */
    <T> T call(String what, long timeoutMillis, Callable<T> body) throws PhaseFailure {
        AtomicReference<Thread> runner = new AtomicReference<>();
        Future<T> result = threads.submit(() -> {
            runner.set(Thread.currentThread());
            try {
                return body.call();
            } finally {
                runner.set(null);
            }
        });
        try {
            return result.get(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error || cause instanceof RuntimeException) {
                LOG.error("{} threw {}", what, cause.toString(), cause); // the stack trace for whoever must fix it
            } else {
                LOG.warn("{} failed: {}", what, cause.toString());
            }
            throw new PhaseFailure(what + " failed: " + Failures.rootCause(cause), cause);
        } catch (TimeoutException e) {
            Thread stuck = runner.get();
            result.cancel(true);
            if (stuck != null) {
                Abandoned a = new Abandoned(stuck.getName(), what, Instant.now(), stuck);
                abandoned.add(a);
                LOG.error("{} did not return within {} ms: {} abandoned", what, timeoutMillis, a);
                throw new PhaseFailure(what + " did not return within " + timeoutMillis + " ms; its thread '" + stuck.getName()
                        + "' is abandoned (see baton:status)");
            }
            throw new PhaseFailure(what + " did not return within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new PhaseFailure("interrupted while waiting for " + what);
        }
    }

    /** As {@link #call}, for code with no result. */
    void run(String what, long timeoutMillis, ThrowingRunnable body) throws PhaseFailure {
        call(what, timeoutMillis, () -> {
            body.run();
            return null;
        });
    }

    /** Application code with no result. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** @return the threads given up on that still run, each named with what it runs and where it is */
    List<String> abandoned() {
        abandoned.removeIf(a -> !a.handle().isAlive() || a.handle().getState() == Thread.State.TERMINATED);
        List<String> lines = new ArrayList<>();
        abandoned.forEach(a -> lines.add(a.toString()));
        return lines;
    }

    void close() {
        threads.shutdownNow();
    }
}
