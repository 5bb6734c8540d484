package io.baton.container.shell.internal;

import io.baton.container.core.InactiveComponent;
import io.baton.container.core.MigrationInfo;
import io.baton.container.core.PhaseTiming;
import io.baton.container.core.ServiceChange;
import io.baton.container.core.SwapReport;
import io.baton.container.core.TargetInfo;

/** A swap or plan report as text for people. */
final class Reports {
    private Reports() {}

    static String text(SwapReport r) {
        StringBuilder out = new StringBuilder();
        out.append(r.id).append(": ").append(r.status);
        if (r.failure != null) {
            out.append(" - ").append(r.failure);
        }
        out.append('\n');
        Table targets = new Table("BUNDLE", "FROM", "TO");
        for (TargetInfo t : r.targets) {
            targets.row(t.symbolicName, t.fromVersion, t.toVersion);
        }
        out.append(targets);
        if (!r.services.isEmpty()) {
            Table services = new Table("SERVICE", "CHANGE", "WHY");
            for (ServiceChange c : r.services) {
                services.row(c.identity, c.change, c.reason);
            }
            out.append(services);
        }
        for (InactiveComponent c : r.inactiveComponents) {
            out.append("not active in the running version, not required: ").append(c.symbolicName).append(" component ").append(c.component)
                    .append(' ').append(c.reason).append('\n');
        }
        for (String s : r.notHeldStable) {
            out.append("not held stable: ").append(s).append('\n');
        }
        if (!r.stateNotCarried.isEmpty()) {
            out.append("state not carried (no baton.state.type declared; what they hold in memory is lost): ")
                    .append(String.join(", ", r.stateNotCarried)).append('\n');
        }
        if (!r.migrations.isEmpty()) {
            Table migrations = new Table("STATE", "FROM", "TO", "CHAIN", "BYTES");
            for (MigrationInfo m : r.migrations) {
                migrations.row(m.stateType, m.fromVersion, m.toVersion, m.restored ? "restore from checkpoint"
                        : m.chain.isEmpty() ? "(same schema)" : String.join(" ", m.chain), m.bytes);
            }
            out.append(migrations);
        }
        if (!r.refreshClosure.isEmpty()) {
            out.append("refresh closure: ").append(r.refreshClosure).append('\n');
        }
        if (!r.phases.isEmpty()) {
            Table phases = new Table("PHASE", "MICROS");
            for (PhaseTiming p : r.phases) {
                phases.row(p.phase, p.micros);
            }
            out.append(phases);
            out.append("pause ").append(r.pauseMicros).append(" us, ").append(r.waitedCalls).append(" calls waited (longest ")
                    .append(r.longestWaitMicros).append(" us), ").append(r.stateBytes).append(" state bytes, total ")
                    .append(r.totalMicros).append(" us\n");
        }
        for (String note : r.notes) {
            out.append("note: ").append(note).append('\n');
        }
        for (String stuck : r.stuckCalls) {
            out.append("stuck: ").append(stuck).append('\n');
        }
        return out.toString();
    }
}
