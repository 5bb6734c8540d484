package io.baton.container.shell.internal;

import io.baton.container.shell.internal.repo.Repositories;
import io.baton.container.shell.internal.repo.RepositoryStatus;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code baton:repo-add <url>}: add a repository index (R5 {@code index.xml} or OBR {@code repository.xml}),
 * read at once: a malformed, unreachable or refused one is not added. Adding one again reads it again.
 */
@Component(service = Function.class, property = {"osgi.command.scope=baton", "osgi.command.function=repo-add"})
public final class RepoAddCommand extends RepoFunction {
    private final Repositories repositories;

    @Activate
    public RepoAddCommand(@Reference Repositories repositories) {
        super("repo-add");
        this.repositories = repositories;
    }

    @Override
    String run(String url) throws Exception {
        RepositoryStatus added = repositories.add(url);
        return "Added " + url + ": " + added.format + ", " + added.bundles + " bundles\n";
    }
}
