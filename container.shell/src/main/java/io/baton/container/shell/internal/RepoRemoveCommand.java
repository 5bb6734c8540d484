package io.baton.container.shell.internal;

import io.baton.container.shell.internal.repo.Repositories;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code baton:repo-remove <url>}: forget a repository. */
@Component(service = Function.class, property = {"osgi.command.scope=baton", "osgi.command.function=repo-remove"})
public final class RepoRemoveCommand extends RepoFunction {
    private final Repositories repositories;

    @Activate
    public RepoRemoveCommand(@Reference Repositories repositories) {
        super("repo-remove");
        this.repositories = repositories;
    }

    @Override
    String run(String url) throws Exception {
        repositories.remove(url);
        return "Removed " + url + "\n";
    }
}
