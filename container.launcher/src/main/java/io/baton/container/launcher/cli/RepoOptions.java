package io.baton.container.launcher.cli;

import io.baton.container.launcher.Baton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where deploy, plan and swap targets come from: repository indexes for bundle names, Maven
 * repositories for {@code mvn:} coordinates. Each option becomes the framework property the container
 * reads (docs/operations.md, "Repositories").
 */
final class RepoOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "URL",
            description = "a repository index to deploy bundles by name from: R5 index.xml or OBR repository.xml (plain or gzipped); repeatable")
    List<String> repos = new ArrayList<>();

    @Option(names = "--repo-allow", paramLabel = "PREFIX",
            description = "a URL prefix bundles may come from besides their index's own location (e.g. https://cdn.example/bundles/); repeatable")
    List<String> allowed = new ArrayList<>();

    @Option(names = "--repo-timeout", paramLabel = "DURATION",
            description = "bound on connecting to and on each read from a repository, e.g. 10s or 500ms (default: connect 5s, read 10s)")
    String timeout;

    @Option(names = "--maven-repo", paramLabel = "URL",
            description = "a remote Maven repository for mvn: targets (default Maven Central; given, it replaces the default); repeatable")
    List<String> mavenRepos = new ArrayList<>();

    @Option(names = "--maven-local", paramLabel = "DIR", description = "the local Maven repository for mvn: targets (default ~/.m2/repository)")
    Path mavenLocal;

    Baton.Builder apply(Baton.Builder builder) {
        properties().forEach(builder::property);
        return builder;
    }

    /**
     * @return the framework properties these options set
     * @throws ParameterException for a timeout that is not a duration
     */
    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!repos.isEmpty()) {
            properties.put("baton.repos", String.join(",", repos));
        }
        if (!allowed.isEmpty()) {
            properties.put("baton.repos.allow", String.join(",", allowed));
        }
        if (timeout != null) {
            if (!timeout.trim().matches("\\d+(ms|s|m)?")) {
                throw new ParameterException(spec.commandLine(), "--repo-timeout " + timeout + ": expected a duration like 10s or 500ms");
            }
            properties.put("baton.repos.connectTimeout", timeout.trim());
            properties.put("baton.repos.readTimeout", timeout.trim());
        }
        if (!mavenRepos.isEmpty()) {
            properties.put("org.ops4j.pax.url.mvn.repositories", String.join(",", mavenRepos));
        }
        if (mavenLocal != null) {
            properties.put("org.ops4j.pax.url.mvn.localRepository", mavenLocal.toAbsolutePath().toString());
        }
        return properties;
    }
}
