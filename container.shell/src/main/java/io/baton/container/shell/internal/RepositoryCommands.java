package io.baton.container.shell.internal;

import io.baton.container.shell.internal.repo.Repositories;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code baton:repos}: the repository indexes targets come from, with the copy in use and the last
 * failure of each (see {@link RepoAddCommand}, {@link RepoRemoveCommand}); reads no index.
 */
@Component(service = RepositoryCommands.class, property = {"osgi.command.scope=baton", "osgi.command.function=repos"})
public final class RepositoryCommands {
    private final Repositories repositories;

    @Activate
    public RepositoryCommands(@Reference Repositories repositories) {
        this.repositories = repositories;
    }

    @Descriptor("the configured repository indexes (R5 index.xml, OBR repository.xml): format, bundles, last failure")
    public String repos(
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json) {
        return Output.of(json, repositories.status(), all -> {
            Table table = new Table("REPOSITORY", "FORMAT", "BUNDLES", "PROBLEM");
            all.forEach(r -> table.row(r.location, r.format == null ? "not read yet" : r.format, r.bundles < 0 ? null : r.bundles, r.failure));
            return table.toString();
        });
    }
}
