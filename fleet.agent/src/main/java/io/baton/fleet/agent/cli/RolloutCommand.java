package io.baton.fleet.agent.cli;

import io.baton.fleet.agent.Rollout;
import io.baton.fleet.agent.RolloutAction;
import io.baton.fleet.agent.RolloutClient;
import io.baton.fleet.agent.RolloutState;
import io.baton.fleet.agent.Strategy;
import io.baton.fleet.agent.internal.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton rollout start|status|pause|resume|abort|history}: rolling swaps across the fleet's
 * containers. Exit codes as for {@code ctl}: 0 ok, 1 failed or refused, 2 bad input or the fleet
 * cannot be reached (or its ACL refuses these credentials).
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = {"Rolling swaps across a fleet of Baton containers (run --fleet ...), coordinated through ZooKeeper.",
                "Exits 0 ok, 1 failed or refused, 2 bad input or fleet unreachable."},
        subcommands = {RolloutCommand.Start.class, RolloutCommand.Status.class, RolloutCommand.Pause.class,
                RolloutCommand.Resume.class, RolloutCommand.Abort.class, RolloutCommand.History.class})
public final class RolloutCommand {

    /** {@code rollout start}: submit, then wait until validated (or, with --wait, ended). */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Submit a rollout of TARGETS to every registered node: canary, then batches, under a lease of maxUnavailable.",
                    "Waits until every node planned the targets (refused before any node swaps if one cannot), or with --wait until it ends."})
    static final class Start extends FleetCommand {
        @Parameters(arity = "1..*", paramLabel = "TARGETS", description = "bundle names from the nodes' repositories (bsn@version) or jar paths")
        List<String> targets = new ArrayList<>();

        @Option(names = "--canary", defaultValue = "1", description = "canary nodes: a count or a percentage, e.g. 1 or 20%% (0: none; default ${DEFAULT-VALUE})")
        String canary;

        @Option(names = "--batch", defaultValue = "1", description = "nodes per batch after the canary (default ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--max-unavailable", defaultValue = "1", description = "nodes in TRIAL at once, a ZooKeeper lease (default ${DEFAULT-VALUE})")
        int maxUnavailable;

        @Option(names = "--probation", defaultValue = "30s", converter = DurationConverter.class, description = "each node's local probation (default ${DEFAULT-VALUE})")
        Duration probation;

        @Option(names = "--step-pause", defaultValue = "0s", converter = DurationConverter.class, description = "wait between steps (default ${DEFAULT-VALUE})")
        Duration stepPause;

        @Option(names = "--progress-deadline", defaultValue = "10m", converter = DurationConverter.class,
                description = "a step without progress this long pauses the rollout (default ${DEFAULT-VALUE})")
        Duration progressDeadline;

        @Option(names = "--failure-limit", defaultValue = "0", description = "failed nodes or analyses tolerated; one more aborts (default ${DEFAULT-VALUE})")
        int failureLimit;

        @Option(names = "--inconclusive-limit", defaultValue = "2", description = "analyses without data tolerated per step; one more pauses (default ${DEFAULT-VALUE})")
        int inconclusiveLimit;

        @Option(names = "--analysis-interval", defaultValue = "2s", converter = DurationConverter.class,
                description = "wait before analysing an inconclusive step again (default ${DEFAULT-VALUE})")
        Duration analysisInterval;

        @Option(names = "--min-calls", defaultValue = "20", description = "calls on the new version before an operation is judged (default ${DEFAULT-VALUE})")
        long minCalls;

        @Option(names = "--max-error-rate-increase", defaultValue = "0.05", description = "error rate allowed above the old version's, per operation (default ${DEFAULT-VALUE})")
        double maxErrorRateIncrease;

        @Option(names = "--max-latency-factor", defaultValue = "3", description = "p99 allowed as a factor of the old version's; 0 off (default ${DEFAULT-VALUE})")
        double maxLatencyFactor;

        @Option(names = "--order", split = ",", paramLabel = "LABEL", description = "labels that order the nodes, e.g. zone,rack (default: node id)")
        List<String> order = new ArrayList<>();

        @Option(names = "--wait", description = "wait until the rollout ends; exit 0 only if it COMPLETED")
        boolean await;

        @Option(names = "--timeout", defaultValue = "2h", converter = DurationConverter.class, description = "bound on the wait (default ${DEFAULT-VALUE})")
        Duration timeout;

        @Override
        int run(RolloutClient client, PrintWriter out) {
            Strategy s = new Strategy();
            s.canary = canary;
            s.batchSize = batch;
            s.maxUnavailable = maxUnavailable;
            s.probationMillis = probation.toMillis();
            s.stepPauseMillis = stepPause.toMillis();
            s.progressDeadlineMillis = progressDeadline.toMillis();
            s.failureLimit = failureLimit;
            s.inconclusiveLimit = inconclusiveLimit;
            s.analysisIntervalMillis = analysisInterval.toMillis();
            s.minCalls = minCalls;
            s.maxErrorRateIncrease = maxErrorRateIncrease;
            s.maxLatencyFactor = maxLatencyFactor;
            s.order = order;
            Rollout r = client.start(targets, s, user());
            if (!json) {
                out.println("Rollout " + r.id + " submitted to " + r.nodes.size() + " node(s) " + r.nodes + "; validating");
                out.flush();
            }
            Rollout now = client.await(r.id, await ? RolloutState::terminal : st -> st != RolloutState.VALIDATING, timeout);
            out.print(json ? Json.pretty(client.status(r.id)) + "\n" : RolloutText.status(client.status(r.id)));
            boolean ok = await ? now.state == RolloutState.COMPLETED
                    : now.state == RolloutState.RUNNING || now.state == RolloutState.COMPLETED;
            if (!ok) {
                spec.commandLine().getErr().println("baton: rollout " + r.id + " " + now.state + ": " + now.reason);
            }
            return ok ? 0 : 1;
        }
    }

    /** {@code rollout status [ID]}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "A rollout (default: the active one, else the newest): state, step, and every node's versions and phase.")
    static final class Status extends FleetCommand {
        @Parameters(arity = "0..1", paramLabel = "ID", description = "rollout id, e.g. r-0000000003")
        String id;

        @Override
        int run(RolloutClient client, PrintWriter out) {
            out.print(json ? Json.pretty(client.status(id)) + "\n" : RolloutText.status(client.status(id)));
            return 0;
        }
    }

    /** {@code rollout history [ID]}. */
    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Every rollout, newest first; with an ID, that rollout's timeline (who swapped when, pauses, verdicts).")
    static final class History extends FleetCommand {
        @Parameters(arity = "0..1", paramLabel = "ID", description = "rollout id, for its timeline")
        String id;

        @Override
        int run(RolloutClient client, PrintWriter out) {
            if (id != null) {
                Rollout r = client.status(id).rollout;
                out.print(json ? Json.pretty(r.timeline) + "\n" : RolloutText.timeline(r));
            } else {
                List<Rollout> all = client.history();
                out.print(json ? Json.pretty(all) + "\n" : RolloutText.history(all));
            }
            return 0;
        }
    }

    /** pause, resume, abort: a request the coordinator applies. */
    abstract static class Request extends FleetCommand {
        @Parameters(arity = "0..1", paramLabel = "ID", description = "rollout id (default: the active one)")
        String id;

        @Option(names = "--timeout", defaultValue = "15s", converter = DurationConverter.class,
                description = "bound on the wait for the coordinator (default ${DEFAULT-VALUE})")
        Duration timeout;

        abstract RolloutAction action();

        @Override
        int run(RolloutClient client, PrintWriter out) {
            Rollout r = client.request(id, action(), user(), timeout);
            out.print(json ? Json.pretty(client.status(r.id)) + "\n" : "Rollout " + r.id + ": " + r.state + " (" + r.reason + ")\n");
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Admit no further node; nodes in TRIAL finish their probation.")
    static final class Pause extends Request {
        @Override
        RolloutAction action() {
            return RolloutAction.PAUSE;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Continue a PAUSED rollout (an inconclusive step is analysed again).")
    static final class Resume extends Request {
        @Override
        RolloutAction action() {
            return RolloutAction.RESUME;
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "Roll back every node that took the new version (each with its local rollback, state kept); ends ROLLED_BACK.")
    static final class Abort extends Request {
        @Override
        RolloutAction action() {
            return RolloutAction.ABORT;
        }
    }
}
