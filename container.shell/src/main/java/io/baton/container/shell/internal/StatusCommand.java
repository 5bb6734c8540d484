package io.baton.container.shell.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.ContainerStatus;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code baton:status}: the container's framework and bundles as a table. */
@Component(
        service = StatusCommand.class,
        property = {"osgi.command.scope=baton", "osgi.command.function=status"})
public final class StatusCommand {
    private final Container container;

    @Activate
    public StatusCommand(@Reference Container container) {
        this.container = container;
    }

    @Descriptor("show the framework and every installed bundle with its id, symbolic name, version and state")
    public String status() {
        return format(container.status());
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
