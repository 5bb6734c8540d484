package io.baton.example.ticker.internal;

import io.baton.container.core.Quiescable;
import io.baton.container.statexfer.Stateful;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A counter that a thread of its own increments every millisecond: state that changes without any
 * call through the facade. It records whether Baton exported or imported its state while the thread
 * was running (it must not: {@link Quiescable#suspend()} comes first), and carries those records
 * across versions in its state. {@code get()} returns {@code ticks}, {@code running}, and the
 * violation counts {@code exportedWhileRunning} and {@code importedWhileRunning}.
 */
@Component(service = Supplier.class, property = {"ticker=true", "baton.state.type=ticks", "baton.state.version:Integer=1"})
public final class Ticker implements Supplier<Map<String, Object>>, Stateful, Quiescable {
    private long ticks;
    private long exportedWhileRunning;
    private long importedWhileRunning;
    private boolean running;
    private final Thread thread;
    private volatile boolean stopped;

    @Activate
    public Ticker() {
        running = true;
        thread = new Thread(this::tick, "ticker");
        thread.setDaemon(true);
        thread.start();
    }

    private void tick() {
        while (!stopped) {
            synchronized (this) {
                if (running) {
                    ticks++;
                }
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(1000);
    }

    @Override
    public synchronized void suspend() {
        running = false; // the tick loop checks under the same lock: no tick after this returns
    }

    @Override
    public synchronized void resume() {
        running = true;
    }

    @Override
    public synchronized Map<String, Object> get() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("ticks", ticks);
        status.put("running", running);
        status.put("exportedWhileRunning", exportedWhileRunning);
        status.put("importedWhileRunning", importedWhileRunning);
        return status;
    }

    @Override
    public synchronized Map<String, Object> exportState() {
        if (running) {
            exportedWhileRunning++;
        }
        Map<String, Object> state = get();
        state.remove("running");
        return state;
    }

    @Override
    public synchronized void importState(Map<String, Object> state) {
        ticks = ((Number) state.get("ticks")).longValue();
        exportedWhileRunning = ((Number) state.get("exportedWhileRunning")).longValue();
        importedWhileRunning = ((Number) state.get("importedWhileRunning")).longValue() + (running ? 1 : 0);
    }
}
