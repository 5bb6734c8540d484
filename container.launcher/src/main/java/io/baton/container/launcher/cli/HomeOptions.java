package io.baton.container.launcher.cli;

import io.baton.container.launcher.Baton;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --home}, shared by every command that starts or reaches a container. */
final class HomeOptions {
    @Option(names = "--home", paramLabel = "DIR", defaultValue = "baton-home",
            description = "container home: framework storage, checkpoints, journal and control files, owner-only (default: ${DEFAULT-VALUE})")
    Path home = Baton.DEFAULT_HOME;
}
