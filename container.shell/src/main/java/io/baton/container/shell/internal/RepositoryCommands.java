package io.baton.container.shell.internal;

import io.baton.container.shell.internal.repo.Repositories;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code baton:repos}: the R5 repositories targets come from (see {@link RepoAddCommand}, {@link RepoRemoveCommand}). */
@Component(service = RepositoryCommands.class, property = {"osgi.command.scope=baton", "osgi.command.function=repos"})
public final class RepositoryCommands {
    private final Repositories repositories;

    @Activate
    public RepositoryCommands(@Reference Repositories repositories) {
        this.repositories = repositories;
    }

    @Descriptor("the configured R5 repository indexes")
    public String repos(
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json) {
        return Output.of(json, repositories.list(), urls -> {
            Table table = new Table("REPOSITORY");
            urls.forEach(table::row);
            return table.toString();
        });
    }
}
