package io.baton.fleet.agent;

/**
 * Runs one Gogo command line in the local container and returns its printed result, e.g. the
 * launcher's {@code BatonContainer::execute}. Throws whatever the container throws for a failed command.
 */
@FunctionalInterface
public interface CommandExecutor {
    String execute(String commandLine) throws Exception;
}
