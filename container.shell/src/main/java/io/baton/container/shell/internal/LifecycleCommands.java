package io.baton.container.shell.internal;

import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import java.time.Instant;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code baton:commit}, {@code baton:rollback}, {@code baton:history}, {@code baton:checkpoints}. */
@Component(service = LifecycleCommands.class, property = {"osgi.command.scope=baton",
        "osgi.command.function=commit", "osgi.command.function=rollback", "osgi.command.function=history",
        "osgi.command.function=checkpoints"})
public final class LifecycleCommands {
    private final Lifecycle lifecycle;

    @Activate
    public LifecycleCommands(@Reference Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Descriptor("make the swap in TRIAL permanent now (its old bundles are uninstalled)")
    public String commit(
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json) {
        return Output.of(json, lifecycle.commit(), r -> "Committed " + r.swapId + " " + Output.targets(r.targets) + "\n");
    }

    @Descriptor("roll the swap in TRIAL back to its checkpoint")
    public String rollback(CommandSession session,
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json) {
        return rolledBack(session, json, lifecycle.rollback());
    }

    @Descriptor("roll back to a retained checkpoint")
    public String rollback(CommandSession session,
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("allow the swap back to refresh consumers of an API package it changes (a rollback of the swap in TRIAL may always do what that swap did)")
            @Parameter(names = "--allow-refresh", presentValue = "true", absentValue = "false") boolean allowRefresh,
            @Descriptor("checkpoint id, e.g. cp-3 (see baton:checkpoints)") String checkpointId) {
        return rolledBack(session, json, lifecycle.rollbackTo(checkpointId, allowRefresh));
    }

    private static String rolledBack(CommandSession session, boolean json, SwapRecord r) {
        return Output.outcome(session, json, r, LifecycleCommands::rollbackText,
                r.state == RecordState.FAILED ? "rollback to " + r.checkpointId + " FAILED: " + r.failure : null);
    }

    private static String rollbackText(SwapRecord r) {
        return "Rollback to " + r.checkpointId + ": " + r.state + (r.failure == null ? "" : " - " + r.failure)
                + " (" + r.rollbackMicros + " us)" + (r.notes.isEmpty() ? "" : "\nnote: " + String.join("\nnote: ", r.notes)) + "\n";
    }

    @Descriptor("swaps, rollbacks and commits, newest first, with timings, detector and outcome")
    public String history(
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("how many records") @Parameter(names = {"-n", "--number"}, absentValue = "20") int n) {
        if (n < 1) {
            throw new IllegalArgumentException("-n " + n + ": expected at least 1");
        }
        return Output.of(json, lifecycle.history(n), records -> {
            Table table = new Table("SEQ", "KIND", "STATE", "SWAP", "CHECKPOINT", "TARGETS", "PAUSE US", "DETECTOR", "EVIDENCE");
            for (SwapRecord r : records) {
                table.row(r.seq, r.kind, r.state, r.swapId, r.checkpointId, Output.targets(r.targets), r.pauseMicros, r.detector,
                        r.failure != null ? r.failure : r.evidence);
            }
            return table.toString();
        });
    }

    @Descriptor("the retained checkpoints, newest first")
    public String checkpoints(
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json) {
        return Output.of(json, lifecycle.checkpoints(), checkpoints -> {
            Table table = new Table("ID", "CREATED", "SWAP", "BUNDLES", "SNAPSHOTS");
            for (CheckpointInfo c : checkpoints) {
                StringBuilder bundles = new StringBuilder();
                c.bundles.forEach(b -> bundles.append(bundles.length() == 0 ? "" : ", ").append(b.symbolicName).append(' ').append(b.version));
                table.row(c.id, Instant.ofEpochMilli(c.createdAt), c.swapId, bundles, c.snapshots.size());
            }
            List<String> problems = lifecycle.storeProblems();
            return table + (problems.isEmpty() ? "" : "problems:\n  " + String.join("\n  ", problems) + "\n");
        });
    }
}
