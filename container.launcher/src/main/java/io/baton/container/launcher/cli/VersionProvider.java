package io.baton.container.launcher.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = BatonCli.class.getPackage().getImplementationVersion();
        return new String[] {"baton " + (version == null ? "development" : version)};
    }
}
