package io.baton.fleet.agent.internal;

import io.baton.fleet.agent.NodeInfo;
import io.baton.fleet.agent.NodePhase;
import io.baton.fleet.agent.NodeProgress;
import io.baton.fleet.agent.Rollout;
import io.baton.fleet.agent.RolloutState;
import io.baton.fleet.agent.Step;
import io.baton.fleet.agent.TimelineEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's decisions, without I/O: given a rollout and what the nodes reported, move the
 * rollout on (admit a step, analyse it, pause, abort, end). The coordinator reads a {@link FleetView},
 * calls {@link #advance}, and writes the changed rollout with one fenced write; a new leader does the
 * same from the same ZooKeeper state, so it resumes exactly where the old one stopped: a node is
 * admitted once ({@link Rollout#admitted}), and each node's own progress says what it already did.
 *
 * <p>Not thread-safe; one instance per coordinator thread.
 */
public final class RolloutDriver {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutDriver.class);

    /** @return true if {@code r} changed and must be written */
    public boolean advance(Rollout r, FleetView view, long now) {
        boolean changed = applyRequests(r, view, now);
        switch (r.state) {
            case VALIDATING:
                return validate(r, view, now) | changed;
            case RUNNING:
                return run(r, view, now) | changed;
            case ABORTING:
                return abort(r, view, now) | changed;
            default:
                return changed;
        }
    }

    private boolean applyRequests(Rollout r, FleetView view, long now) {
        boolean changed = false;
        for (OperatorRequest q : view.requests) {
            RolloutState target = q.action.target();
            if (!r.state.next().contains(target)) {
                event(r, now, "request-ignored", null, q.action + " by " + q.by + ": the rollout is " + r.state);
            } else {
                if (target == RolloutState.RUNNING && r.current() != null) {
                    // resume: the step gets a fresh budget of inconclusive analyses and a fresh deadline
                    r.current().inconclusive = 0;
                    r.current().lastAnalysisAt = 0;
                }
                move(r, target, now, q.action.name().toLowerCase() + " by " + q.by);
            }
            changed = true;
        }
        return changed;
    }

    private boolean validate(Rollout r, FleetView view, long now) {
        List<String> refused = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        List<String> toSwap = new ArrayList<>();
        for (String n : r.nodes) {
            NodeProgress p = view.progress.get(n);
            if (p == null) {
                waiting.add(n);
            } else if (p.phase == NodePhase.PLAN_REFUSED) {
                refused.add(n + ": " + p.detail);
            } else if (p.phase == NodePhase.PLANNED) {
                toSwap.add(n);
            }
        }
        if (!refused.isEmpty()) {
            return move(r, RolloutState.REFUSED, now, "refused before any node swapped: " + String.join("; ", refused));
        }
        if (!waiting.isEmpty()) {
            if (now - r.createdAt > r.strategy.progressDeadlineMillis) {
                return move(r, RolloutState.REFUSED, now, "nodes " + waiting + " did not plan the targets within "
                        + r.strategy.progressDeadlineMillis + " ms (registered: " + view.registered.keySet() + ")");
            }
            return false;
        }
        for (String n : toSwap) {
            view.progress.get(n).toVersions.forEach(r.targetVersions::putIfAbsent);
        }
        r.steps = StepPlanner.steps(toSwap, r.labels, r.strategy);
        r.currentStep = 0;
        r.baseline = new ArrayList<>();
        for (String n : toSwap) {
            NodeInfo info = view.registered.get(n);
            if (info != null) {
                info.metrics.stream().filter(m -> r.targetVersions.containsKey(m.symbolicName)).forEach(r.baseline::add);
            }
        }
        event(r, now, "validated", null, toSwap.size() + " node(s) to swap, " + (r.nodes.size() - toSwap.size())
                + " already there; steps " + r.steps.stream().map(s -> s.kind + s.nodes.toString()).collect(Collectors.joining(" ")));
        if (r.steps.isEmpty()) {
            move(r, RolloutState.RUNNING, now, "validated");
            return move(r, RolloutState.COMPLETED, now, "every node already runs the targets");
        }
        return move(r, RolloutState.RUNNING, now, "validated");
    }

    private boolean run(Rollout r, FleetView view, long now) {
        boolean changed = countFailures(r, view, now);
        if (r.failures > r.strategy.failureLimit) {
            return move(r, RolloutState.ABORTING, now, "failures " + r.failures + " > failureLimit " + r.strategy.failureLimit
                    + ": " + lastFailure(r, view));
        }
        Step step = r.current();
        if (step == null) {
            return move(r, RolloutState.COMPLETED, now, "every step passed");
        }
        if (step.state == Step.State.PENDING) {
            long previousEnd = step.index == 0 ? 0 : r.steps.get(step.index - 1).endedAt;
            if (now - previousEnd < r.strategy.stepPauseMillis) {
                return changed;
            }
            step.state = Step.State.ADMITTED;
            step.admittedAt = now;
            for (String n : step.nodes) {
                r.admitted.putIfAbsent(n, now);
            }
            event(r, now, "step-admitted", null, "step " + step.index + " " + step.kind + " " + step.nodes);
            return true;
        }
        boolean settled = step.nodes.stream().allMatch(n -> view.progress.get(n) != null && view.progress.get(n).phase.settled());
        if (!settled) {
            return deadline(r, view, now, "step " + step.index + " waits for " + step.nodes.stream()
                    .filter(n -> view.progress.get(n) == null || !view.progress.get(n).phase.settled())
                    .map(n -> n + (view.registered.containsKey(n) ? "" : " (not registered)")).collect(Collectors.toList())) | changed;
        }
        if (step.inconclusive > 0 && now - step.lastAnalysisAt < r.strategy.analysisIntervalMillis) {
            return changed;
        }
        return analyse(r, step, view, now);
    }

    private boolean analyse(Rollout r, Step step, FleetView view, long now) {
        Map<String, NodeInfo> fresh = new LinkedHashMap<>();
        List<NodeInfo> old = new ArrayList<>();
        for (String n : r.nodes) {
            NodeProgress p = view.progress.get(n);
            if (p != null && p.phase == NodePhase.PASSED) {
                fresh.put(n, view.registered.get(n));
            } else if (p == null || !p.phase.tookNewVersion()) {
                NodeInfo info = view.registered.get(n);
                if (info != null) {
                    old.add(info);
                }
            }
        }
        step.lastAnalysisAt = now;
        MetricsAnalysis.Result result = step.nodes.stream().noneMatch(fresh::containsKey)
                ? new MetricsAnalysis.Result(MetricsAnalysis.Verdict.PASS, "no node of the step runs the new version: nothing to measure")
                : MetricsAnalysis.analyse(fresh, old, r.baseline, r.targetVersions, r.strategy);
        step.analysis = result.toString();
        event(r, now, "analysis", null, "step " + step.index + " " + result);
        switch (result.verdict) {
            case INCONCLUSIVE:
                step.inconclusive++;
                if (step.inconclusive > r.strategy.inconclusiveLimit) {
                    return move(r, RolloutState.PAUSED, now, "analysis of step " + step.index + " inconclusive " + step.inconclusive
                            + " times > inconclusiveLimit " + r.strategy.inconclusiveLimit + ": " + result.evidence
                            + "; resume to analyse again, or abort");
                }
                return true;
            case FAIL:
                step.state = Step.State.FAILED;
                step.endedAt = now;
                r.failures++;
                if (r.failures > r.strategy.failureLimit) {
                    return move(r, RolloutState.ABORTING, now, "analysis of step " + step.index + " failed: " + result.evidence);
                }
                event(r, now, "failure-tolerated", null, "failure " + r.failures + " of failureLimit " + r.strategy.failureLimit);
                break;
            default:
                step.state = Step.State.PASSED;
                step.endedAt = now;
        }
        r.currentStep++;
        if (r.current() == null) {
            return move(r, RolloutState.COMPLETED, now, "every step passed");
        }
        return true;
    }

    private boolean abort(Rollout r, FleetView view, long now) {
        List<String> pending = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String n : r.nodes) {
            NodeProgress p = view.progress.get(n);
            if (p != null && p.phase.tookNewVersion()) {
                pending.add(n + (view.registered.containsKey(n) ? "" : " (not registered)"));
            } else if (p != null && p.phase == NodePhase.ROLLBACK_FAILED) {
                failed.add(n + ": " + p.detail);
            }
        }
        if (!pending.isEmpty()) {
            return deadline(r, view, now, "rollback waits for " + pending);
        }
        if (!failed.isEmpty()) {
            return move(r, RolloutState.ROLLBACK_FAILED, now, "local rollback failed on " + String.join("; ", failed));
        }
        return move(r, RolloutState.ROLLED_BACK, now, "every node that took the new version rolled back (" + r.reason + ")");
    }

    /** Pauses (RUNNING) or gives up (ABORTING) when nothing progressed for progressDeadlineMillis. */
    private boolean deadline(Rollout r, FleetView view, long now, String waitingFor) {
        long last = r.updatedAt;
        for (String n : r.nodes) {
            NodeProgress p = view.progress.get(n);
            if (p != null) {
                last = Math.max(last, p.updatedAt);
            }
        }
        if (now - last <= r.strategy.progressDeadlineMillis) {
            return false;
        }
        String why = "progress deadline " + r.strategy.progressDeadlineMillis + " ms passed: " + waitingFor;
        return r.state == RolloutState.ABORTING
                ? move(r, RolloutState.ROLLBACK_FAILED, now, why + "; each rolls back when its agent returns")
                : move(r, RolloutState.PAUSED, now, why + "; resume or abort");
    }

    private boolean countFailures(Rollout r, FleetView view, long now) {
        int failedAnalyses = (int) r.steps.stream().filter(s -> s.state == Step.State.FAILED).count();
        int failedNodes = 0;
        boolean changed = false;
        for (String n : r.nodes) {
            NodeProgress p = view.progress.get(n);
            if (p != null && p.phase == NodePhase.FAILED) {
                failedNodes++;
                if (r.timeline.stream().noneMatch(e -> "node-failed".equals(e.event) && n.equals(e.node))) {
                    event(r, now, "node-failed", n, p.detail);
                    changed = true;
                }
            }
        }
        if (r.failures != failedAnalyses + failedNodes) {
            r.failures = failedAnalyses + failedNodes;
            changed = true;
        }
        return changed;
    }

    private static String lastFailure(Rollout r, FleetView view) {
        for (int i = r.timeline.size() - 1; i >= 0; i--) {
            TimelineEvent e = r.timeline.get(i);
            if ("node-failed".equals(e.event)) {
                return "node " + e.node + ": " + e.detail;
            }
        }
        return "see the timeline";
    }

    /** Applies a transition of the table in {@link RolloutState}; an illegal one throws. */
    static boolean move(Rollout r, RolloutState target, long now, String reason) {
        RolloutState from = r.state;
        r.state = from.to(target);
        r.reason = reason;
        if (target.terminal()) {
            r.endedAt = now;
        }
        event(r, now, target.name().toLowerCase(), null, reason);
        LOG.info("Rollout {}: {} -> {} ({})", r.id, from, target, reason);
        return true;
    }

    static void event(Rollout r, long now, String event, String node, String detail) {
        r.timeline.add(new TimelineEvent(now, event, node, detail));
        if (!event.equals(r.state.name().toLowerCase())) {
            LOG.info("Rollout {}: {}{} {}", r.id, event, node == null ? "" : " " + node, detail);
        }
    }
}
