package io.baton.container.launcher.cli;

import io.baton.container.launcher.Baton;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --repo URL} (repeatable): R5 repository indexes the container resolves bundle names from. */
final class RepoOptions {
    @Option(names = "--repo", paramLabel = "URL", description = "an R5 repository index (index.xml) to deploy from; repeatable")
    List<String> repos = new ArrayList<>();

    Baton.Builder apply(Baton.Builder builder) {
        if (!repos.isEmpty()) {
            builder.property("baton.repos", String.join(",", repos));
        }
        return builder;
    }
}
