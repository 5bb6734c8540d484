package io.baton.container.web.internal.api;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.TargetInfo;
import io.baton.container.core.spi.CallStats;
import io.baton.container.rollback.SwapRecord;
import io.baton.container.web.internal.live.LiveData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The swap in TRIAL as the dashboard shows it: its probation left and, per detector, the current reading
 * against its limit. container.rollback does not expose its detectors' own readings: the error rates
 * here are measured by this bundle over the detector's window from the engine's call counts, without the
 * old version's rate the detector adds to the limit; the component and health-check detectors show their
 * setting only ({@link #MISSING}).
 */
public final class TrialView {
    static final String MISSING = "container.rollback does not expose its detectors' readings: error rates are measured here over the "
            + "detector's window, without the old version's rate that the detector adds to the limit; the component and "
            + "health-check detectors show their setting only";

    /** One detector's reading against its limit. */
    public record Reading(String detector, boolean enabled, String subject, String reading, String limit, String state) {}

    public long now;
    public SwapRecord trial;
    public long probationLeftMillis;
    public List<Reading> detectors = new ArrayList<>();
    public String missing = MISSING;

    static TrialView of(SwapRecord trial, List<BundleInfo> managed, List<LiveData.Row> rows, LiveData live, RollbackSettings s, long now) {
        TrialView view = new TrialView();
        view.now = now;
        view.trial = trial;
        if (trial == null) {
            return view;
        }
        view.probationLeftMillis = Math.max(0, trial.probationEndsAt - now);
        for (TargetInfo t : trial.targets) {
            BundleInfo b = managed.stream().filter(m -> m.symbolicName.equals(t.symbolicName)).findFirst().orElse(null);
            String state = b == null ? "not installed" : b.state;
            view.detectors.add(new Reading("bundle", s.bundle(), t.symbolicName + " " + t.toVersion, state, "ACTIVE",
                    !s.bundle() ? "off" : "ACTIVE".equals(state) ? "ok" : "over"));
        }
        for (LiveData.Row row : rows) {
            CallStats c = row.stats();
            if (trial.targets.stream().noneMatch(t -> t.symbolicName.equals(c.symbolicName) && t.toVersion.equals(c.version))) {
                continue;
            }
            view.detectors.add(errorRate(c, live.window(LiveData.key(c), s.windowMillis()), s));
            if (s.latency()) {
                view.detectors.add(new Reading("latency", true, c.identity, c.p99Nanos < 0 ? "too few samples" : String.format(Locale.ROOT, "p99 %.3f ms", c.p99Nanos / 1e6),
                        String.format(Locale.ROOT, "%.1f x the old version's p99, and over %d us", s.latencyFactor(), s.latencyFloorMicros()),
                        c.p99Nanos >= 0 && c.p99Nanos / 1000 < s.latencyFloorMicros() ? "ok" : "no baseline exposed"));
            }
        }
        view.detectors.add(new Reading("component", s.component(), "DS components of the new bundles", "not exposed", "all satisfied and active", s.component() ? "no reading exposed" : "off"));
        view.detectors.add(new Reading("health-check", s.healthCheck(), "health checks tagged baton", "not exposed", "none CRITICAL", s.healthCheck() ? "no reading exposed" : "off"));
        return view;
    }

    private static Reading errorRate(CallStats c, long[] window, RollbackSettings s) {
        String limit = String.format(Locale.ROOT, "%.1f%% above the old version's rate, from %d calls", s.failureLimit() * 100, s.minCalls());
        String subject = c.identity + ("*".equals(c.operation) ? "" : " " + c.operation);
        if (!s.errorRate()) {
            return new Reading("error-rate", false, subject, "-", limit, "off");
        }
        long calls = window == null ? 0 : window[0];
        long failures = window == null ? 0 : window[1];
        double rate = calls == 0 ? 0 : (double) failures / calls;
        String reading = String.format(Locale.ROOT, "%.1f%% (%d of %d calls in %d s)", rate * 100, failures, calls, s.windowMillis() / 1000);
        String state = calls < s.minCalls() ? "judging" : rate > s.failureLimit() ? "over" : "ok";
        return new Reading("error-rate", true, subject, reading, limit, state);
    }
}
