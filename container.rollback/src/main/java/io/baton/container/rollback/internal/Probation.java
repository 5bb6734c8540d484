package io.baton.container.rollback.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.CallStats;
import io.baton.container.core.Container;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The detectors watching one swap in TRIAL: the new bundles' states and framework errors, their DS
 * components, and the failure rate of calls into them. {@link #check()} runs on the probation thread.
 */
final class Probation implements FrameworkListener {
    final String swapId;
    final long endsAtMillis;
    private final Set<String> newVersions;
    private final Container container;
    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final java.util.function.Supplier<org.apache.felix.hc.api.execution.HealthCheckExecutor> healthChecks;
    private long nextHealthCheck;
    private final RollbackConfig config;
    private final Map<String, Double> baselines;
    private final Map<String, Long> baselineP99;
    private final Map<String, ErrorRate> rates = new HashMap<>();
    private final ConcurrentLinkedQueue<String> frameworkErrors = new ConcurrentLinkedQueue<>();
    private final long startNanos = System.nanoTime();

    /**
     * @param newVersions {@code symbolicName@version} of the bundles the swap brought
     * @param baselines failure rate per service identity of the old version before the swap
     */
    Probation(String swapId, long endsAtMillis, Set<String> newVersions, Map<String, Double> baselines, Map<String, Long> baselineP99,
            Container container,
            BundleContext context, ServiceComponentRuntime scr,
            java.util.function.Supplier<org.apache.felix.hc.api.execution.HealthCheckExecutor> healthChecks, RollbackConfig config) {
        this.healthChecks = healthChecks;
        this.swapId = swapId;
        this.endsAtMillis = endsAtMillis;
        this.newVersions = newVersions;
        this.baselines = baselines;
        this.baselineP99 = baselineP99;
        this.container = container;
        this.context = context;
        this.scr = scr;
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
        if (config.bundleDetectorEnabled()) {
            String error = frameworkErrors.peek();
            if (error != null) {
                return new Verdict("bundle", error);
            }
            for (String version : newVersions) {
                Bundle b = bundle(version);
                if (b == null || b.getState() != Bundle.ACTIVE) {
                    return new Verdict("bundle", version.replace('@', ' ') + " is " + (b == null ? "gone" : state(b)) + ", not ACTIVE");
                }
            }
        }
        if (config.componentDetectorEnabled() && scr != null) {
            for (String version : newVersions) {
                Bundle b = bundle(version);
                if (b == null) {
                    continue;
                }
                for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                    for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                        if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                            return new Verdict("component", "component " + d.name + " of " + version.replace('@', ' ') + " failed to activate: " + c.failure);
                        }
                        if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                            return new Verdict("component", "component " + d.name + " of " + version.replace('@', ' ') + " has an unsatisfied reference");
                        }
                    }
                }
            }
        }
        if (config.healthCheckEnabled() && System.nanoTime() - nextHealthCheck >= 0) {
            nextHealthCheck = System.nanoTime() + config.healthCheckIntervalMillis() * 1_000_000;
            Verdict v = healthChecks();
            if (v != null) {
                return v;
            }
        }
        if (config.errorRateEnabled()) {
            long now = System.nanoTime();
            for (CallStats s : container.callStats()) {
                if (!newVersions.contains(s.symbolicName + "@" + s.version)) {
                    continue;
                }
                ErrorRate rate = rates.computeIfAbsent(s.identity, id -> new ErrorRate(baselines.getOrDefault(id, 0.0),
                        config.failureLimit(), config.minCalls(), config.windowMillis(), startNanos));
                Verdict v = rate.sample(now, s.calls, s.failures);
                if (v != null) {
                    return new Verdict(v.detector, s.identity + ": " + v.evidence);
                }
            }
        }
        if (config.latencyEnabled()) {
            for (CallStats s : container.callStats()) {
                long before = baselineP99.getOrDefault(s.identity, -1L);
                if (newVersions.contains(s.symbolicName + "@" + s.version) && before > 0 && s.p99Nanos > config.latencyFactor() * before
                        && s.p99Nanos > config.latencyFloorMicros() * 1000) {
                    return new Verdict("latency", String.format("%s: p99 latency %.1f us > %.1f x %.1f us of the old version",
                            s.identity, s.p99Nanos / 1000.0, config.latencyFactor(), before / 1000.0));
                }
            }
        }
        return null;
    }

    /** Runs the tagged Felix Health Checks now (no cached results); CRITICAL or a check error fires. */
    private Verdict healthChecks() {
        org.apache.felix.hc.api.execution.HealthCheckExecutor executor = healthChecks.get();
        if (executor == null || config.healthCheckTags().length == 0) {
            return null;
        }
        org.apache.felix.hc.api.execution.HealthCheckExecutionOptions options =
                new org.apache.felix.hc.api.execution.HealthCheckExecutionOptions().setForceInstantExecution(true).setCombineTagsWithOr(true);
        for (org.apache.felix.hc.api.execution.HealthCheckExecutionResult r
                : executor.execute(org.apache.felix.hc.api.execution.HealthCheckSelector.tags(config.healthCheckTags()), options)) {
            org.apache.felix.hc.api.Result.Status status = r.getHealthCheckResult().getStatus();
            if (status == org.apache.felix.hc.api.Result.Status.CRITICAL || status == org.apache.felix.hc.api.Result.Status.HEALTH_CHECK_ERROR) {
                return new Verdict("health-check", "health check '" + r.getHealthCheckMetadata().getName() + "' is " + status + ": "
                        + r.getHealthCheckResult());
            }
        }
        return null;
    }

    private Bundle bundle(String version) {
        for (BundleInfo info : container.managed()) {
            if ((info.symbolicName + "@" + info.version).equals(version)) {
                return context.getBundle(info.id);
            }
        }
        return null;
    }

    private static String state(Bundle b) {
        switch (b.getState()) {
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            default: return String.valueOf(b.getState());
        }
    }

    static Map<String, Long> p99(List<CallStats> stats) {
        Map<String, Long> p99 = new HashMap<>();
        for (CallStats s : stats) {
            p99.put(s.identity, s.p99Nanos);
        }
        return p99;
    }

    static Map<String, Double> rates(List<CallStats> stats) {
        Map<String, Double> rates = new HashMap<>();
        for (CallStats s : stats) {
            rates.put(s.identity, s.calls == 0 ? 0.0 : (double) s.failures / s.calls);
        }
        return rates;
    }
}
