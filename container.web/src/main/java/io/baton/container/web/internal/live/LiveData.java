package io.baton.container.web.internal.live;

import io.baton.container.core.spi.CallStats;
import io.baton.container.core.spi.Engine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard shows over time: the engine's call counts sampled once a second (ten minutes kept)
 * and the marks of swaps, commits and rollbacks from Baton's events. Thread-safe.
 */
@Component(service = {LiveData.class, EventHandler.class}, property = {
        EventConstants.EVENT_TOPIC + "=io/baton/lifecycle/*",
        EventConstants.EVENT_TOPIC + "=io/baton/swap/ABORTED"})
public final class LiveData implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LiveData.class);
    static final long SAMPLE_MILLIS = 1000;
    private static final int KEPT_SAMPLES = 600;
    private static final int KEPT_MARKERS = 200;

    private final Engine engine;
    private final CallHistory history = new CallHistory(KEPT_SAMPLES);
    private final Deque<Marker> markers = new ArrayDeque<>();
    private long markerCount;
    private final ScheduledExecutorService sampler;

    @Activate
    public LiveData(@Reference Engine engine) {
        this.engine = engine;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-web-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        sampler.shutdownNow();
    }

    private void sample() {
        try {
            List<CallStats> stats = engine.callStats();
            synchronized (this) {
                history.add(System.currentTimeMillis(), stats);
            }
        } catch (RuntimeException e) {
            // the next second tries again; the dashboard shows a gap meanwhile
            LOG.warn("Sampling the call counts failed: {}", e.toString());
        }
    }

    @Override
    public void handleEvent(Event event) {
        Marker m = Marker.of(event, System.currentTimeMillis());
        if (m != null) {
            synchronized (this) {
                markers.addLast(m);
                markerCount++;
                while (markers.size() > KEPT_MARKERS) {
                    markers.removeFirst();
                }
            }
        }
    }

    /** The latest counts and rates of one facade (and operation). */
    public record Row(CallStats stats, double callsPerSecond, double failuresPerSecond) {}

    /** @return per facade still served, its latest counts and its rates over the last second */
    public synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        history.latest().forEach((key, s) -> {
            CallHistory.Rate r = history.lastRate(key);
            rows.add(new Row(s.stats(), r == null ? 0 : r.callsPerSecond(), r == null ? 0 : r.failuresPerSecond()));
        });
        return rows;
    }

    /** @return per facade, {@code [time ms, calls/s, failures/s, p99 ms or null]} for every sample after {@code afterMillis} */
    public synchronized Map<String, List<Object[]>> series(long afterMillis) {
        Map<String, List<Object[]>> series = new LinkedHashMap<>();
        history.series(afterMillis).forEach((key, rates) -> {
            List<Object[]> points = new ArrayList<>();
            for (CallHistory.Rate r : rates) {
                points.add(new Object[] {r.at(), round(r.callsPerSecond()), round(r.failuresPerSecond()), r.p99Nanos() < 0 ? null : round(r.p99Nanos() / 1e6)});
            }
            series.put(key, points);
        });
        return series;
    }

    /** @return calls and failures into the facade's current implementation within the window, or null if never sampled */
    public synchronized long[] window(String key, long windowMillis) {
        return history.window(key, windowMillis);
    }

    public synchronized List<Marker> markers() {
        return new ArrayList<>(markers);
    }

    /** @return how many marks were ever made: it changes whenever the history does */
    public synchronized long markerCount() {
        return markerCount;
    }

    /** @return the key of a facade's (and operation's) series: its identity, with {@code #operation} unless it is {@code *} */
    public static String key(CallStats stats) {
        return CallHistory.key(stats);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
