package io.baton.fleet.agent.cli;

import io.baton.fleet.agent.FleetException;
import io.baton.fleet.agent.RolloutClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of the {@code rollout} subcommands: connects, runs, and maps failures to the exit codes of
 * {@code ctl}: 0 ok, 1 the operation failed or was refused, 2 bad input or the fleet cannot be reached.
 */
abstract class FleetCommand implements Callable<Integer> {
    @Mixin
    FleetOptions fleet;

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!fleet.enabled()) {
            err.println("baton: --fleet is required: the ZooKeeper connect string of the fleet");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        try (RolloutClient client = RolloutClient.connect(fleet.config())) {
            return run(client, out);
        } catch (FleetException e) {
            err.println("baton: " + e.getMessage());
            return e.exitCode();
        } catch (IllegalArgumentException e) {
            err.println("baton: " + e.getMessage());
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }

    abstract int run(RolloutClient client, PrintWriter out);

    static String user() {
        return System.getProperty("user.name", "?") + "@" + ProcessHandle.current().pid();
    }
}
