package io.baton.example.cart.state.internal;

import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Runs a call from many threads at once, released together, and fails the test on any exception. */
final class ConcurrentCalls {
    interface Call {
        void run(int thread, int i) throws Exception;
    }

    static void run(int threads, int callsPerThread, Call call) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        call.run(thread, i);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            worker.start();
            started.add(worker);
        }
        start.countDown();
        for (Thread worker : started) {
            worker.join(30_000);
        }
        assertTrue("failures: " + failures, failures.isEmpty());
    }
}
