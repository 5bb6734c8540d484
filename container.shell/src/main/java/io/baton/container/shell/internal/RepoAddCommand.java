package io.baton.container.shell.internal;

import io.baton.container.shell.internal.repo.Repositories;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code baton:repo-add <url>}: add an R5 index, read at once (a malformed or unreachable one is refused). */
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
        return "Added " + url + ": " + repositories.add(url).size() + " bundles\n";
    }
}
