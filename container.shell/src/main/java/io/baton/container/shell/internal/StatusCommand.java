package io.baton.container.shell.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.ContainerStatus;
import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.SwapRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Activate
    public StatusCommand(@Reference Container container, @Reference Lifecycle lifecycle) {
        this.container = container;
        this.lifecycle = lifecycle;
    }

    @Descriptor("show the managed bundles, the swap in TRIAL and its probation left, the last checkpoint, and every bundle")
    public String status(
            @Descriptor("print JSON for scripts") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        ContainerStatus status = container.status();
        SwapRecord trial = lifecycle.trial();
        List<CheckpointInfo> checkpoints = lifecycle.checkpoints();
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("status", status);
            all.put("managed", container.managed());
            all.put("trial", trial);
            all.put("lastCheckpoint", checkpoints.isEmpty() ? null : checkpoints.get(0));
            return Json.of(all);
        }
        StringBuilder out = new StringBuilder();
        Table managed = new Table("MANAGED", "VERSION", "ID", "STATE");
        container.managed().forEach(b -> managed.row(b.symbolicName, b.version, b.id, b.state));
        out.append(managed);
        if (trial != null) {
            long left = Math.max(0, trial.probationEndsAt - System.currentTimeMillis());
            out.append("TRIAL: ").append(trial.swapId).append(' ').append(trial.targets).append(", probation ends in ")
                    .append(left / 1000).append(" s\n");
        } else {
            out.append("TRIAL: none\n");
        }
        out.append("Last checkpoint: ").append(checkpoints.isEmpty() ? "none" : checkpoints.get(0).id + " (" + checkpoints.get(0).swapId + ")")
                .append("\n");
        return out + format(status);
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
