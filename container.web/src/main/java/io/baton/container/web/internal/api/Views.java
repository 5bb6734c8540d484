package io.baton.container.web.internal.api;

import io.baton.container.core.Container;
import io.baton.container.core.spi.CallStats;
import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.statexfer.MigratorEdge;
import io.baton.container.statexfer.StateTransfer;
import io.baton.container.web.internal.live.LiveData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's answers that are more than one service call: each built from the same services the shell uses. */
final class Views {
    private Views() {}

    /** What {@code baton:status --json} shows: the framework and its bundles, the managed ones, the TRIAL, the last checkpoint. */
    static Map<String, Object> status(Container container, Lifecycle lifecycle) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", container.status());
        view.put("managed", container.managed());
        view.put("trial", lifecycle.trial());
        List<CheckpointInfo> checkpoints = lifecycle.checkpoints();
        view.put("lastCheckpoint", checkpoints.isEmpty() ? null : checkpoints.get(0));
        return view;
    }

    static Map<String, Object> checkpoints(Lifecycle lifecycle) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("checkpoints", lifecycle.checkpoints());
        view.put("storeProblems", lifecycle.storeProblems());
        return view;
    }

    /** @return per state type, its migrators: from, to and who declared it */
    static Map<String, List<Map<String, Object>>> migrators(StateTransfer stateTransfer) {
        Map<String, List<Map<String, Object>>> view = new LinkedHashMap<>();
        stateTransfer.migrators().forEach((type, edges) -> {
            List<Map<String, Object>> list = new ArrayList<>();
            for (MigratorEdge e : edges) {
                Map<String, Object> edge = new LinkedHashMap<>();
                edge.put("from", e.from());
                edge.put("to", e.to());
                edge.put("declaredBy", e.origin());
                list.add(edge);
            }
            view.put(type, list);
        });
        return view;
    }

    /**
     * @return per facade (and operation): identity, bundle, version, calls and failures since its
     *     implementation took over, calls and failures per second over the last second, the error rate
     *     of that second, latency percentiles in microseconds (null with too few samples)
     */
    static List<Map<String, Object>> calls(List<LiveData.Row> rows) {
        List<Map<String, Object>> view = new ArrayList<>();
        for (LiveData.Row row : rows) {
            CallStats s = row.stats();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("identity", s.identity);
            r.put("operation", s.operation);
            r.put("bundleId", s.bundleId);
            r.put("symbolicName", s.symbolicName);
            r.put("version", s.version);
            r.put("calls", s.calls);
            r.put("failures", s.failures);
            r.put("callsPerSecond", round(row.callsPerSecond()));
            r.put("failuresPerSecond", round(row.failuresPerSecond()));
            r.put("errorRate", row.callsPerSecond() == 0 ? 0.0 : round(row.failuresPerSecond() / row.callsPerSecond()));
            r.put("p50Micros", micros(s.p50Nanos));
            r.put("p90Micros", micros(s.p90Nanos));
            r.put("p99Micros", micros(s.p99Nanos));
            r.put("since", s.since);
            view.add(r);
        }
        return view;
    }

    private static Double micros(long nanos) {
        return nanos < 0 ? null : round(nanos / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
