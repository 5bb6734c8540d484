package io.baton.fleet.agent.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;

/**
 * A daemon thread that runs one tick every few milliseconds until closed. A tick that fails because
 * ZooKeeper is unavailable is simply tried again at the next tick (DEBUG); other failures go to the
 * owner's handler first, and are logged at WARN if it does not take them.
 */
final class TickLoop {
    /** One round of work. */
    interface Tick {
        void run() throws Exception;
    }

    private final String name;
    private final long millis;
    private final Logger log;
    private final Tick tick;
    private final Predicate<Exception> handled;
    private final Thread thread;
    private volatile boolean closed;

    TickLoop(String name, long millis, Logger log, Tick tick, Predicate<Exception> handled) {
        this.name = name;
        this.millis = millis;
        this.log = log;
        this.tick = tick;
        this.handled = handled;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (!closed) {
            try {
                tick.run();
            } catch (InterruptedException e) {
                return;
            } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
                log.debug("{}: ZooKeeper unavailable ({}), trying again", name, e.code());
            } catch (Exception e) {
                if (!closed && !handled.test(e)) {
                    log.warn("{}: tick failed: {}", name, e.toString());
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the loop, interrupting a tick in progress, and waits (bounded) for the thread. */
    void close(long waitMillis) {
        closed = true;
        thread.interrupt();
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
