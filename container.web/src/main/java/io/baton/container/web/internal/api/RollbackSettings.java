package io.baton.container.web.internal.api;

import java.io.IOException;
import java.util.Dictionary;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The detectors' settings as container.rollback reads them: its ConfigAdmin configuration (PID
 * {@value #PID}) over its documented defaults (container.rollback's README). Read-only: listing
 * configurations never creates one.
 */
record RollbackSettings(boolean errorRate, double failureLimit, long minCalls, long windowMillis, boolean bundle, boolean component,
        boolean healthCheck, boolean latency, double latencyFactor, long latencyFloorMicros) {
    static final String PID = "io.baton.rollback";
    static final RollbackSettings DEFAULTS = new RollbackSettings(true, 0.05, 50, 5000, true, true, true, false, 3.0, 1000);

    /** @param admin ConfigAdmin, or null (then the defaults) */
    static RollbackSettings read(ConfigurationAdmin admin) {
        if (admin == null) {
            return DEFAULTS;
        }
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + PID + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return DEFAULTS;
            }
            Dictionary<String, Object> p = found[0].getProperties();
            RollbackSettings d = DEFAULTS;
            return new RollbackSettings(bool(p, "errorRateEnabled", d.errorRate), number(p, "failureLimit", d.failureLimit),
                    (long) number(p, "minCalls", d.minCalls), (long) number(p, "windowMillis", d.windowMillis),
                    bool(p, "bundleDetectorEnabled", d.bundle), bool(p, "componentDetectorEnabled", d.component),
                    bool(p, "healthCheckEnabled", d.healthCheck), bool(p, "latencyEnabled", d.latency),
                    number(p, "latencyFactor", d.latencyFactor), (long) number(p, "latencyFloorMicros", d.latencyFloorMicros));
        } catch (IOException | InvalidSyntaxException e) {
            return DEFAULTS;
        }
    }

    private static boolean bool(Dictionary<String, Object> p, String key, boolean fallback) {
        Object v = p.get(key);
        return v == null ? fallback : Boolean.parseBoolean(v.toString());
    }

    private static double number(Dictionary<String, Object> p, String key, double fallback) {
        Object v = p.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return v == null ? fallback : Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
