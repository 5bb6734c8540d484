package io.baton.container.web.internal.api;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.TargetInfo;
import io.baton.container.core.spi.CallStats;
import io.baton.container.rollback.DetectorReading;
import io.baton.container.rollback.SwapRecord;
import io.baton.container.web.internal.live.LiveData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The swap in TRIAL as the dashboard shows it: its probation left and, per detector and subject, the
 * reading container.rollback's probation took at its latest check against its limit
 * ({@code Lifecycle.readings()}: the error rate per operation against the old version's rate plus the
 * limit, the p99 against the old version's, each new bundle's state, its components, the health
 * checks). Until the probation's first check, the error rates are measured here from the engine's call
 * counts over the detector's window ({@link #MISSING} says so).
 */
public final class TrialView {
    static final String MISSING = "the probation has not checked yet: error rates are measured here over the detector's window, "
            + "without the old version's rate that the detector adds to the limit";

    /** One detector's reading against its limit. */
    public record Reading(String detector, boolean enabled, String subject, String reading, String limit, String state) {}

    public long now;
    public SwapRecord trial;
    public long probationLeftMillis;
    public List<Reading> detectors = new ArrayList<>();
    /** Why some readings are this bundle's own estimate, or null when all are the probation's. */
    public String missing;

    static TrialView of(SwapRecord trial, List<DetectorReading> probation, List<BundleInfo> managed, List<LiveData.Row> rows, LiveData live,
            RollbackSettings s, long now) {
        TrialView view = new TrialView();
        view.now = now;
        view.trial = trial;
        if (trial == null) {
            return view;
        }
        view.probationLeftMillis = Math.max(0, trial.probationEndsAt - now);
        if (!probation.isEmpty()) {
            for (DetectorReading r : probation) {
                view.detectors.add(new Reading(r.detector, true, r.subject, r.reading, r.limit, r.state));
            }
            addOff(view, s);
            return view;
        }
        view.missing = MISSING;
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
            if (!"*".equals(c.operation)) {
                view.detectors.add(errorRate(c, live.window(LiveData.key(c), s.windowMillis()), s));
            }
        }
        addOff(view, s);
        return view;
    }

    /** The detectors switched off, so the page says so rather than showing nothing. */
    private static void addOff(TrialView view, RollbackSettings s) {
        if (!s.errorRate()) {
            view.detectors.add(new Reading("error-rate", false, "calls of the new version", "-", "-", "off"));
        }
        if (!s.latency()) {
            view.detectors.add(new Reading("latency", false, "calls of the new version", "-", "-", "off"));
        }
        if (!s.component()) {
            view.detectors.add(new Reading("component", false, "DS components of the new bundles", "-", "-", "off"));
        }
        if (!s.healthCheck()) {
            view.detectors.add(new Reading("health-check", false, "health checks tagged baton", "-", "-", "off"));
        }
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
