package io.baton.container.web.internal.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import org.osgi.service.event.Event;

/**
 * What Baton's events tell, counted: swaps by outcome, their pauses, commits, rollbacks by detector and
 * failed rollbacks. Counted from when this bundle started; a restart starts them again from zero, as
 * Prometheus counters may. Thread-safe.
 */
final class SwapMetrics {
    /** Pause buckets in seconds: 100 us to 5 s. */
    static final double[] PAUSE_BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    /** Outcomes of a swap that run (a plan's PLANNED is not a swap). */
    static final String[] STATUSES = {"swapped", "aborted", "refused"};
    /** The detectors container.rollback names, and {@code manual} for a rollback asked for by hand. */
    static final String[] DETECTORS = {"manual", "error-rate", "bundle", "component", "health-check", "latency"};

    private final Counter swaps;
    private final Histogram pause;
    private final Counter commits;
    private final Counter rollbacks;
    private final Counter rollbackFailures;

    SwapMetrics(PrometheusRegistry registry) {
        swaps = Counter.builder().name(MetricNames.SWAPS).help("Swaps the engine ran, by outcome (swapped, aborted, refused); a rollback's swap back counts too")
                .labelNames("status").withoutExemplars().register(registry);
        pause = Histogram.builder().name(MetricNames.PAUSE).help("How long calls were held at closed gates, per swap that swapped (rollbacks' swaps back included)")
                .classicOnly().classicUpperBounds(PAUSE_BOUNDS).withoutExemplars().register(registry);
        commits = Counter.builder().name(MetricNames.COMMITS).help("Swaps made permanent after their probation or by hand").withoutExemplars().register(registry);
        rollbacks = Counter.builder().name(MetricNames.ROLLBACKS).help("Rollbacks that brought the previous set back, by the detector that asked (manual for by hand)")
                .labelNames("detector").withoutExemplars().register(registry);
        rollbackFailures = Counter.builder().name(MetricNames.ROLLBACK_FAILURES).help("Rollbacks that failed (the current set stayed)")
                .withoutExemplars().register(registry);
        // every known label value from the start, so that a dashboard sees 0 rather than no series
        for (String status : STATUSES) {
            swaps.initLabelValues(status);
        }
        for (String detector : DETECTORS) {
            rollbacks.initLabelValues(detector);
        }
    }

    /** Counts one of Baton's events ({@code io/baton/swap/*}, {@code io/baton/lifecycle/*}); others are ignored. */
    void observe(Event e) {
        String topic = e.getTopic();
        switch (topic) {
            case "io/baton/swap/SWAPPED":
                swaps.labelValues("swapped").inc();
                if (e.getProperty("pause.micros") instanceof Number micros) {
                    pause.observe(micros.longValue() / 1e6);
                }
                break;
            case "io/baton/swap/ABORTED":
            case "io/baton/swap/REFUSED":
                swaps.labelValues(topic.substring(topic.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)).inc();
                break;
            case "io/baton/lifecycle/COMMITTED":
                commits.inc();
                break;
            case "io/baton/lifecycle/ROLLED_BACK":
                rollbacks.labelValues(String.valueOf(e.getProperty("detector"))).inc();
                break;
            case "io/baton/lifecycle/ROLLBACK_FAILED":
                rollbackFailures.inc();
                break;
            default:
                break;
        }
    }
}
