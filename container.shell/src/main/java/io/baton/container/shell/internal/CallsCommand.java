package io.baton.container.shell.internal;

import io.baton.container.core.spi.CallStats;
import io.baton.container.core.spi.Engine;
import java.time.Instant;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code baton:calls}: calls, failures and p99 latency through each facade into its current implementation. */
@Component(service = CallsCommand.class, property = {"osgi.command.scope=baton", "osgi.command.function=calls"})
public final class CallsCommand {
    private final Engine engine;

    @Activate
    public CallsCommand(@Reference Engine engine) {
        this.engine = engine;
    }

    @Descriptor("calls, failures and p99 latency through each facade (operation *) and per operation, since its current implementation took over")
    public String calls(
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json) {
        return Output.of(json, engine.callStats(), stats -> {
            Table table = new Table("SERVICE", "OPERATION", "VERSION", "CALLS", "FAILURES", "P99 US", "SINCE");
            for (CallStats s : stats) {
                table.row(s.identity, s.operation, s.version, s.calls, s.failures, s.p99Nanos < 0 ? null : s.p99Nanos / 1000,
                        Instant.ofEpochMilli(s.since));
            }
            return table.toString();
        });
    }
}
