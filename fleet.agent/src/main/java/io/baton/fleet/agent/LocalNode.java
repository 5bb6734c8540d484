package io.baton.fleet.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one container an agent drives: the same local plan, swap, probation, commit and rollback that
 * an operator reaches with {@code ctl}. The launcher implements it over Gogo commands
 * ({@link GogoLocalNode}); the coordinator's tests use a fake.
 *
 * <p>Implementations must be thread-safe (the agent's registration refresher and its worker call it
 * concurrently). Every method may throw {@link LocalNodeException} with a message naming the command
 * and the container's error; none may leave the container in a state other than the local engine's.
 */
public interface LocalNode {

    /** @return symbolic name -> version of every managed bundle */
    Map<String, String> managedVersions();

    /** @return the id of the local swap in TRIAL, or null */
    String trialSwapId();

    /** The dry run: would these targets swap here? Nothing changes. */
    Plan plan(List<String> targets);

    /**
     * Swaps to {@code targets} and starts the local probation (the local engine commits on its own when
     * it ends clean, or rolls back when a detector fires).
     */
    SwapResult swap(List<String> targets, Duration probation);

    /** @return where the local swap {@code swapId} stands: in probation, committed, or rolled back */
    Verdict verdict(String swapId);

    /**
     * Undoes the local swap {@code swapId}: rolls back the trial if it is still in TRIAL, otherwise
     * rolls back to {@code checkpointId} (the checkpoint written before that swap).
     *
     * @return null on success, else the failure text (the current set keeps serving)
     */
    String rollback(String swapId, String checkpointId);

    /** @return per-operation call counts; empty if the container has none to give */
    List<OperationMetrics> metrics();

    /** A plan's outcome. */
    final class Plan {
        public final boolean ok;
        /** Why the plan was refused, or null. */
        public final String failure;
        /** Symbolic name -> {from, to} version of each targeted bundle. */
        public final Map<String, String[]> versions;

        public Plan(boolean ok, String failure, Map<String, String[]> versions) {
            this.ok = ok;
            this.failure = failure;
            this.versions = versions;
        }

        /** @return true if every target is already at its version here */
        public boolean alreadyThere() {
            return ok && !versions.isEmpty() && versions.values().stream().allMatch(v -> v[0] != null && v[0].equals(v[1]));
        }
    }

    /** A swap's outcome. */
    final class SwapResult {
        public final boolean swapped;
        public final String swapId;
        public final String checkpointId;
        /** Why it did not swap (REFUSED or ABORTED: the old set serves), or null. */
        public final String failure;

        public SwapResult(boolean swapped, String swapId, String checkpointId, String failure) {
            this.swapped = swapped;
            this.swapId = swapId;
            this.checkpointId = checkpointId;
            this.failure = failure;
        }
    }

    /** The local probation's verdict on one swap. */
    final class Verdict {
        public enum Kind { PENDING, PASSED, FAILED, UNKNOWN }

        public final Kind kind;
        public final String checkpointId;
        /** The detector and its evidence for FAILED, or why the swap is unknown. */
        public final String detail;

        public Verdict(Kind kind, String checkpointId, String detail) {
            this.kind = kind;
            this.checkpointId = checkpointId;
            this.detail = detail;
        }
    }
}
