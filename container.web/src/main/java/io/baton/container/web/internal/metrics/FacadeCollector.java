package io.baton.container.web.internal.metrics;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.spi.CallStats;
import io.baton.container.core.spi.Engine;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.SwapRecord;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * The metrics read at scrape time from the engine and the lifecycle: per facade (and operation) its
 * current implementation's calls, failures and sampled-latency histogram (all since that implementation
 * took over: a swap starts new series, labelled with the new version); the probation; the managed bundles.
 */
final class FacadeCollector implements MultiCollector {
    private final Engine engine;
    private final Lifecycle lifecycle;
    private final Container container;

    FacadeCollector(Engine engine, Lifecycle lifecycle, Container container) {
        this.engine = engine;
        this.lifecycle = lifecycle;
        this.container = container;
    }

    @Override
    public MetricSnapshots collect() {
        List<CallStats> stats = engine.callStats();
        CounterSnapshot.Builder calls = CounterSnapshot.builder().name(MetricNames.CALLS)
                .help("Calls through the facade into its current implementation (since it took over)");
        CounterSnapshot.Builder failures = CounterSnapshot.builder().name(MetricNames.FAILURES)
                .help("Calls through the facade that threw (since its current implementation took over)");
        HistogramSnapshot.Builder durations = HistogramSnapshot.builder().name(MetricNames.DURATION)
                .help("Durations of sampled calls (about 1 call in 64) into the facade's current implementation");
        for (CallStats s : stats) {
            Labels labels = Labels.of("service", s.identity, "operation", s.operation, "bundle", s.symbolicName, "version", s.version);
            calls.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(s.calls).build());
            failures.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(s.failures).build());
            if (s.latencyCounts.length == s.latencyBoundsNanos.length + 1) {
                durations.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder().labels(labels)
                        .classicHistogramBuckets(buckets(s)).sum(s.latencySumNanos / 1e9).build());
            }
        }
        SwapRecord trial = lifecycle.trial();
        long left = trial == null ? 0 : Math.max(0, trial.probationEndsAt - System.currentTimeMillis());
        InfoSnapshot.Builder managed = InfoSnapshot.builder().name(MetricNames.MANAGED).help("One per managed bundle serving, with its version");
        for (BundleInfo b : container.managed()) {
            managed.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("bundle", b.symbolicName, "version", b.version)).build());
        }
        return MetricSnapshots.of(calls.build(), failures.build(), durations.build(),
                gauge(MetricNames.PROBATION_ACTIVE, "1 while a swap is in TRIAL (on probation), else 0", trial == null ? 0 : 1),
                gauge(MetricNames.PROBATION_REMAINING, "Probation left of the swap in TRIAL, 0 without one", left / 1000.0),
                managed.build());
    }

    /** The engine's bounds in seconds with +Inf for its last bucket; counts per bucket (the writer accumulates them). */
    static ClassicHistogramBuckets buckets(CallStats s) {
        double[] bounds = new double[s.latencyBoundsNanos.length + 1];
        for (int i = 0; i < s.latencyBoundsNanos.length; i++) {
            bounds[i] = s.latencyBoundsNanos[i] / 1e9;
        }
        bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
        return ClassicHistogramBuckets.of(bounds, s.latencyCounts.clone());
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
