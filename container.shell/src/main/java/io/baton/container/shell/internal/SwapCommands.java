package io.baton.container.shell.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapStatus;
import io.baton.container.core.SwapRequest;
import io.baton.container.statexfer.MigratorEdge;
import io.baton.container.statexfer.StateTransfer;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import io.baton.container.shell.internal.repo.Repositories;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code baton:deploy}, {@code baton:plan}, {@code baton:swap}, {@code baton:migrators}: thin over the Container. */
@Component(service = SwapCommands.class, property = {"osgi.command.scope=baton",
        "osgi.command.function=deploy", "osgi.command.function=plan", "osgi.command.function=swap", "osgi.command.function=migrators"})
public final class SwapCommands {
    static final String DEPLOY_USAGE = "baton:deploy [--json] <jar|bsn[@version]>...";
    static final String PLAN_USAGE = "baton:plan [--json] [--allow-refresh] <jar|bundle:id|bsn[@version]>...";
    static final String SWAP_USAGE = "baton:swap [--json] [--probation 30s] [--max-pause 2s] [--allow-refresh] [--cold] <jar|bundle:id|bsn[@version]>...";

    private final Container container;
    private final StateTransfer stateTransfer;
    private final Repositories repositories;

    @Activate
    public SwapCommands(@Reference Container container, @Reference StateTransfer stateTransfer, @Reference Repositories repositories) {
        this.container = container;
        this.stateTransfer = stateTransfer;
        this.repositories = repositories;
    }

    /** Jar paths stay; names ({@code bsn}, {@code bsn@version}, {@code bsn@[range)}) come from the repositories. */
    private String[] sources(String command, String usage, String... targets) throws java.io.IOException {
        List<String> sources = new java.util.ArrayList<>();
        for (String t : Targets.of(command, usage, targets)) {
            sources.add(Repositories.isName(t) ? repositories.resolve(t).toString() : t);
        }
        return sources.toArray(new String[0]);
    }

    @Descriptor("install and start bundles as managed (their services get facades that survive swaps); named bundles bring what they require from the repositories")
    public String deploy(
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("jar paths or URLs, or names from the repositories: bsn, bsn@version, bsn@[range)") String... targets)
            throws java.io.IOException {
        List<BundleInfo> deployed = container.deploy(repositories.resolveWithDependencies(Targets.of("deploy", DEPLOY_USAGE, targets)));
        return Output.of(json, deployed, list -> {
            Table table = new Table("ID", "STATE", "VERSION", "SYMBOLIC NAME");
            list.forEach(b -> table.row(b.id, b.state, b.version, b.symbolicName));
            return "Deployed " + list.size() + " bundles\n" + table;
        });
    }

    @Descriptor("the dry run: what a swap to these targets would do, and whether it would be refused")
    public String plan(CommandSession session,
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("allow an API change that needs its consumers refreshed")
            @Parameter(names = "--allow-refresh", presentValue = "true", absentValue = "false") boolean allowRefresh,
            @Descriptor("jar paths or URLs, bundle:<id>, or names from the repositories: bsn, bsn@version, bsn@[range)")
            String... targets) throws java.io.IOException {
        SwapRequest request = SwapRequest.of(sources("plan", PLAN_USAGE, targets));
        request.allowRefresh = allowRefresh;
        SwapReport report = container.plan(request);
        return Output.outcome(session, json, report, Reports::text, report.status == SwapStatus.PLANNED ? null : report.id + " " + report.status + ": " + report.failure);
    }

    @Descriptor("swap managed bundles to these versions under load, then keep the swap in TRIAL for its probation")
    public String swap(CommandSession session,
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("probation before the swap is committed, e.g. 30s (default: configured)")
            @Parameter(names = "--probation", absentValue = "") String probation,
            @Descriptor("longest time calls may be held, e.g. 2s") @Parameter(names = "--max-pause", absentValue = "") String maxPause,
            @Descriptor("allow an API change that needs its consumers refreshed")
            @Parameter(names = "--allow-refresh", presentValue = "true", absentValue = "false") boolean allowRefresh,
            @Descriptor("stop the old version at once instead of keeping it warm (active, hidden) for a fast rollback until commit")
            @Parameter(names = "--cold", presentValue = "true", absentValue = "false") boolean cold,
            @Descriptor("jar paths or URLs, bundle:<id>, or names from the repositories: bsn, bsn@version, bsn@[range)")
            String... targets) throws java.io.IOException {
        SwapRequest request = SwapRequest.of(sources("swap", SWAP_USAGE, targets));
        request.allowRefresh = allowRefresh;
        request.standby = !cold;
        if (!probation.isEmpty()) {
            request.probationMillis = Durations.millis("--probation", probation);
        }
        if (!maxPause.isEmpty()) {
            request.maxPauseMillis = Durations.millis("--max-pause", maxPause);
        }
        PrintStream console = session.getConsole();
        SwapReport report = container.swap(request, json ? null : (phase, micros, failure) ->
                console.println(String.format("  %-8s %9d us  %s", phase, micros, failure == null ? "done" : "FAILED")));
        return Output.outcome(session, json, report, Reports::text, report.status == SwapStatus.SWAPPED ? null : report.id + " " + report.status + ": " + report.failure);
    }

    @Descriptor("the registered migrators, per state type")
    public String migrators(
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json) {
        Map<String, List<MigratorEdge>> byType = stateTransfer.migrators();
        Map<String, List<String>> plain = new LinkedHashMap<>();
        byType.forEach((type, edges) -> plain.put(type, edges.stream().map(e -> e.from() + "->" + e.to()).collect(Collectors.toList())));
        return json ? Output.json(plain) : migratorTable(byType);
    }

    private static String migratorTable(Map<String, List<MigratorEdge>> byType) {
        Table table = new Table("STATE", "FROM", "TO", "DECLARED BY");
        byType.forEach((type, edges) -> edges.forEach(e -> table.row(type, e.from(), e.to(), e.origin())));
        return table.toString();
    }
}
