package io.baton.container.rollback.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.TargetInfo;
import io.baton.container.core.spi.BundleStates;
import io.baton.container.core.spi.CallStats;
import io.baton.container.core.spi.ComponentDiagnosis;
import io.baton.container.core.spi.Engine;
import io.baton.container.rollback.DetectorReading;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The detectors watching one swap in TRIAL: the new bundles' states and framework errors, their DS
 * components, tagged health checks, the failure rate and the latency of calls into them.
 * {@link #check()} runs on the probation thread.
 */
final class Probation implements FrameworkListener {
    /** What the detectors look at, besides the swap itself. */
    static final class Sources {
        final Container container;
        final Engine engine;
        final BundleContext context;
        final Supplier<ServiceComponentRuntime> scr;
        final Supplier<HealthCheckExecutor> healthChecks;

        Sources(Container container, Engine engine, BundleContext context, Supplier<ServiceComponentRuntime> scr,
                Supplier<HealthCheckExecutor> healthChecks) {
            this.container = container;
            this.engine = engine;
            this.context = context;
            this.scr = scr;
            this.healthChecks = healthChecks;
        }
    }

    final String swapId;
    final long endsAtMillis;
    private final Set<String> newVersions = new HashSet<>();
    private final Sources sources;
    private final RollbackConfig config;
    private final Map<String, Double> baselines;
    private final Map<String, Long> baselineP99;
    /** Components that were not active in the version replaced: not counted against the new one. */
    private final Set<String> notRequired;
    private final Map<String, ErrorRate> rates = new HashMap<>();
    private final ConcurrentLinkedQueue<String> frameworkErrors = new ConcurrentLinkedQueue<>();
    private final long startNanos = System.nanoTime();
    private long nextHealthCheck;
    /** The latest reading of each detector and subject, for {@link #readings()}. */
    private final Map<String, DetectorReading> readings = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param targets the bundles the swap brought (their {@code toVersion} is watched)
     * @param baselines failure rate per service identity of the old version before the swap
     * @param baselineP99 p99 latency per service identity of the old version before the swap
     * @param notRequired {@code symbolicName/component} of the components not active in the version replaced
     */
    Probation(String swapId, long endsAtMillis, List<TargetInfo> targets, Map<String, Double> baselines, Map<String, Long> baselineP99,
            Set<String> notRequired, Sources sources, RollbackConfig config) {
        this.swapId = swapId;
        this.endsAtMillis = endsAtMillis;
        targets.forEach(t -> newVersions.add(t.symbolicName + "@" + t.toVersion));
        this.baselines = baselines;
        this.baselineP99 = baselineP99;
        this.notRequired = notRequired;
        this.sources = sources;
        this.config = config;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        Bundle b = event.getBundle();
        if (event.getType() == FrameworkEvent.ERROR && b != null && newVersions.contains(b.getSymbolicName() + "@" + b.getVersion())) {
            frameworkErrors.add(b.getSymbolicName() + " " + b.getVersion() + " posted a framework ERROR: " + event.getThrowable());
        }
    }

    /** @return the first detector that fires, or null while the new version behaves */
    Verdict check() {
        Verdict v = null;
        if (config.bundleDetectorEnabled()) {
            v = bundles();
        }
        if (v == null && config.componentDetectorEnabled()) {
            v = components();
        }
        if (v == null && config.healthCheckEnabled() && System.nanoTime() - nextHealthCheck >= 0) {
            nextHealthCheck = System.nanoTime() + config.healthCheckIntervalMillis() * 1_000_000;
            v = healthChecks();
        }
        if (v == null && (config.errorRateEnabled() || config.latencyEnabled())) {
            v = calls(sources.engine.callStats());
        }
        return v;
    }

    /** Only the call detectors (error rate, latency): for a call that was just signalled as failed or slow. */
    Verdict checkCalls() {
        return config.errorRateEnabled() || config.latencyEnabled() ? calls(sources.engine.callStats()) : null;
    }

    /** @return the sampled call duration the engine signals as slow: the latency detector's floor, or 0 when it is off */
    long slowCallNanos() {
        return config.latencyEnabled() ? config.latencyFloorMicros() * 1000 : 0;
    }

    private Verdict bundles() {
        String error = frameworkErrors.peek();
        if (error != null) {
            return new Verdict("bundle", error);
        }
        for (String version : newVersions) {
            Bundle b = bundle(version);
            // one read of the state: the reading, the verdict and its evidence must agree
            int now = b == null ? 0 : b.getState();
            String state = b == null ? "gone" : BundleStates.name(now);
            boolean active = now == Bundle.ACTIVE;
            read("bundle", version.replace('@', ' '), state, "ACTIVE", active ? "ok" : "over", -1, -1);
            if (!active) {
                return new Verdict("bundle", version.replace('@', ' ') + " is " + state + ", not ACTIVE");
            }
        }
        return null;
    }

    private void read(String detector, String subject, String reading, String limit, String state, double value, double limitValue) {
        DetectorReading r = new DetectorReading();
        r.detector = detector;
        r.subject = subject;
        r.reading = reading;
        r.limit = limit;
        r.state = state;
        r.value = value;
        r.limitValue = limitValue;
        r.at = System.currentTimeMillis();
        readings.put(detector + " " + subject, r);
    }

    /** @return the latest reading of each detector, by detector and subject */
    List<DetectorReading> readings() {
        List<DetectorReading> all = new java.util.ArrayList<>(readings.values());
        all.sort(java.util.Comparator.comparing((DetectorReading r) -> r.detector).thenComparing(r -> r.subject));
        return all;
    }

    /** A component that failed to activate or lost a reference, unless it was not active in the version replaced either. */
    private Verdict components() {
        for (String version : newVersions) {
            Bundle b = bundle(version);
            if (b == null) {
                continue;
            }
            Map<String, String> inactive = ComponentDiagnosis.inactive(sources.scr.get(), b);
            List<String> faults = new java.util.ArrayList<>();
            for (Map.Entry<String, String> c : inactive.entrySet()) {
                boolean fault = c.getValue().startsWith("failed to activate") || c.getValue().startsWith("has an unsatisfied reference");
                if (fault && !notRequired.contains(b.getSymbolicName() + "/" + c.getKey())) {
                    faults.add(c.getKey() + " " + c.getValue());
                }
            }
            read("component", version.replace('@', ' '), faults.isEmpty() ? (inactive.isEmpty() ? "all active" : "inactive, as in the old version: "
                    + inactive.keySet()) : String.join("; ", faults), "no component failing that the old version had active",
                    faults.isEmpty() ? "ok" : "over", faults.size(), 0);
            if (!faults.isEmpty()) {
                return new Verdict("component", "component " + faults.get(0).replaceFirst(" ", " of " + version.replace('@', ' ') + " "));
            }
        }
        return null;
    }

    /** Runs the tagged Felix Health Checks now (no cached results); CRITICAL or a check error fires. */
    private Verdict healthChecks() {
        HealthCheckExecutor executor = sources.healthChecks.get();
        if (executor == null || config.healthCheckTags().length == 0) {
            return null;
        }
        HealthCheckExecutionOptions options = new HealthCheckExecutionOptions().setForceInstantExecution(true).setCombineTagsWithOr(true);
        for (HealthCheckExecutionResult r : executor.execute(HealthCheckSelector.tags(config.healthCheckTags()), options)) {
            Result.Status status = r.getHealthCheckResult().getStatus();
            boolean fires = status == Result.Status.CRITICAL || status == Result.Status.HEALTH_CHECK_ERROR;
            read("health-check", r.getHealthCheckMetadata().getName(), status.name(), "not CRITICAL, no check error", fires ? "over" : "ok", -1, -1);
            if (fires) {
                return new Verdict("health-check", "health check '" + r.getHealthCheckMetadata().getName() + "' is " + status + ": "
                        + r.getHealthCheckResult());
            }
        }
        return null;
    }

    /**
     * The error rate of each operation of each service of the new version, each judged on its own
     * against the old version's rate for the same operation (a release that fails only its writes is
     * caught however many reads dilute them), and the latency of each service in all.
     */
    private synchronized Verdict calls(List<CallStats> stats) { // the probation thread and signalled callers
        long now = System.nanoTime();
        for (CallStats s : stats) {
            if (!newVersions.contains(s.symbolicName + "@" + s.version)) {
                continue;
            }
            String key = key(s);
            if (config.errorRateEnabled() && !"*".equals(s.operation)) {
                ErrorRate rate = rates.computeIfAbsent(key, k -> new ErrorRate(baselines.getOrDefault(k, 0.0),
                        config.failureLimit(), config.minCalls(), config.windowMillis(), startNanos));
                Verdict v = rate.sample(now, s.calls, s.failures);
                DetectorReading r = rate.reading(s.identity + " " + s.operation);
                readings.put("error-rate " + r.subject, r);
                if (v != null) {
                    return new Verdict(v.detector, s.identity + " " + s.operation + ": " + v.evidence);
                }
            }
            if (!"*".equals(s.operation)) {
                continue; // latency is sampled per facade
            }
            long before = baselineP99.getOrDefault(s.identity, -1L);
            if (config.latencyEnabled()) {
                double limitMicros = before > 0 ? Math.max(config.latencyFactor() * before, config.latencyFloorMicros() * 1000.0) / 1000 : -1;
                boolean over = before > 0 && s.p99Nanos > config.latencyFactor() * before && s.p99Nanos > config.latencyFloorMicros() * 1000;
                read("latency", s.identity, s.p99Nanos < 0 ? "too few samples" : String.format(java.util.Locale.ROOT, "p99 %.1f us", s.p99Nanos / 1000.0),
                        before > 0 ? String.format(java.util.Locale.ROOT, "%.1f x the old version's p99 %.1f us, and over %d us", config.latencyFactor(),
                                before / 1000.0, config.latencyFloorMicros()) : "no p99 of the old version to compare with",
                        s.p99Nanos < 0 || before <= 0 ? "judging" : over ? "over" : "ok", s.p99Nanos < 0 ? -1 : s.p99Nanos / 1000.0, limitMicros);
            }
            if (config.latencyEnabled() && before > 0 && s.p99Nanos > config.latencyFactor() * before
                    && s.p99Nanos > config.latencyFloorMicros() * 1000) {
                return new Verdict("latency", String.format("%s: p99 latency %.1f us > %.1f x %.1f us of the old version",
                        s.identity, s.p99Nanos / 1000.0, config.latencyFactor(), before / 1000.0));
            }
        }
        return null;
    }

    private Bundle bundle(String version) {
        for (BundleInfo info : sources.container.managed()) {
            if ((info.symbolicName + "@" + info.version).equals(version)) {
                return sources.context.getBundle(info.id);
            }
        }
        return null;
    }

    /** @return the p99 latency of each service in all, by identity */
    static Map<String, Long> p99(List<CallStats> stats) {
        Map<String, Long> p99 = new HashMap<>();
        stats.stream().filter(s -> "*".equals(s.operation)).forEach(s -> p99.put(s.identity, s.p99Nanos));
        return p99;
    }

    /** @return the failure rate of each operation, by {@link #key} */
    static Map<String, Double> rates(List<CallStats> stats) {
        Map<String, Double> rates = new HashMap<>();
        stats.forEach(s -> rates.put(key(s), s.calls == 0 ? 0.0 : (double) s.failures / s.calls));
        return rates;
    }

    static String key(CallStats s) {
        return s.identity + " " + s.operation;
    }
}
