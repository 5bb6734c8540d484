package io.baton.container.shell.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.ContainerStatus;
import io.baton.container.core.spi.Engine;
import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.SwapRecord;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code baton:status}: managed bundles, the swap in TRIAL, the last checkpoint, and every bundle. */
@Component(
        service = StatusCommand.class,
        property = {"osgi.command.scope=baton", "osgi.command.function=status"})
public final class StatusCommand {
    private final Container container;
    private final Lifecycle lifecycle;

    private final Engine engine;

    @Activate
    public StatusCommand(@Reference Container container, @Reference Lifecycle lifecycle, @Reference Engine engine) {
        this.engine = engine;
        this.container = container;
        this.lifecycle = lifecycle;
    }

    @Descriptor("show the managed bundles, the swap in TRIAL and its probation left, the last checkpoint, and every bundle")
    public String status(
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json) {
        StatusView view = new StatusView();
        view.status = container.status();
        view.managed = container.managed();
        view.trial = lifecycle.trial();
        List<CheckpointInfo> checkpoints = lifecycle.checkpoints();
        view.lastCheckpoint = checkpoints.isEmpty() ? null : checkpoints.get(0);
        view.abandonedThreads = engine.abandonedThreads();
        view.degraded = lifecycle.degraded();
        view.detectors = lifecycle.readings();
        return Output.of(json, view, StatusCommand::text);
    }

    /** What {@code baton:status} shows; its JSON form is this object's fields. */
    public static final class StatusView {
        public ContainerStatus status;
        public List<BundleInfo> managed;
        public SwapRecord trial;
        public CheckpointInfo lastCheckpoint;
        /** Threads running application code Baton gave up waiting for, still running. */
        public List<String> abandonedThreads;
        /** Damage found in the rollback store at start; while not empty, new swaps are refused (baton:acknowledge). */
        public List<String> degraded;
        /** What each detector of the swap in TRIAL read at its latest check, against its limit. */
        public List<io.baton.container.rollback.DetectorReading> detectors;
    }

    private static String text(StatusView view) {
        StringBuilder out = new StringBuilder();
        Table managed = new Table("MANAGED", "VERSION", "ID", "STATE");
        view.managed.forEach(b -> managed.row(b.symbolicName, b.version, b.id, b.state));
        out.append(managed);
        if (view.trial != null) {
            long left = Math.max(0, view.trial.probationEndsAt - System.currentTimeMillis());
            out.append("TRIAL: ").append(view.trial.swapId).append(" [").append(Output.targets(view.trial.targets)).append(']').append(", probation ends in ")
                    .append(left / 1000).append(" s\n");
            if (!view.detectors.isEmpty()) {
                Table detectors = new Table("DETECTOR", "WATCHING", "READING", "LIMIT", "STATE");
                view.detectors.forEach(d -> detectors.row(d.detector, d.subject, d.reading, d.limit, d.state));
                out.append(detectors);
            }
        } else {
            out.append("TRIAL: none\n");
        }
        out.append("Last checkpoint: ").append(view.lastCheckpoint == null ? "none" : view.lastCheckpoint.id + " (" + view.lastCheckpoint.swapId + ")")
                .append("\n");
        view.abandonedThreads.forEach(t -> out.append("abandoned: ").append(t).append('\n'));
        view.degraded.forEach(d -> out.append("DEGRADED: ").append(d).append('\n'));
        if (!view.degraded.isEmpty()) {
            out.append("swaps are refused until an operator runs baton:acknowledge\n");
        }
        return out + format(view.status);
    }

    static String format(ContainerStatus status) {
        Table table = new Table("ID", "STATE", "VERSION", "SYMBOLIC NAME");
        for (BundleInfo b : status.bundles) {
            table.row(b.id, b.state, b.version, b.symbolicName);
        }
        return "Framework " + status.framework + " " + status.frameworkVersion + ", "
                + status.bundles.size() + " bundles\n" + table;
    }
}
