package io.baton.fleet.agent;

/**
 * Where one node stands in a rollout, as its agent reports it (only the node's own agent writes
 * it, in the node's progress znode, so it survives the agent's session).
 *
 * <table>
 * <caption>Transitions (agent side)</caption>
 * <tr><th>phase</th><th>event</th><th>next phase</th></tr>
 * <tr><td>(none)</td><td>rollout VALIDATING: dry run of the targets</td><td>PLANNED, PLAN_REFUSED, or SKIPPED (already on the targets)</td></tr>
 * <tr><td>PLANNED, INTERRUPTED</td><td>admitted, lease acquired</td><td>SWAPPING</td></tr>
 * <tr><td>SWAPPING</td><td>local swap SWAPPED</td><td>TRIAL</td></tr>
 * <tr><td>SWAPPING</td><td>local swap REFUSED or ABORTED (old set serving)</td><td>FAILED</td></tr>
 * <tr><td>TRIAL</td><td>local probation ended clean (committed)</td><td>PASSED</td></tr>
 * <tr><td>TRIAL</td><td>a local detector rolled it back</td><td>FAILED</td></tr>
 * <tr><td>SWAPPING, TRIAL</td><td>the agent restarted (the JVM died): crash recovery brought back the committed set</td><td>INTERRUPTED (retried once)</td></tr>
 * <tr><td>TRIAL, PASSED</td><td>rollout ABORTING: local rollback</td><td>ROLLED_BACK or ROLLBACK_FAILED</td></tr>
 * </table>
 */
public enum NodePhase {
    PLANNED, PLAN_REFUSED, SKIPPED, SWAPPING, TRIAL, PASSED, FAILED, INTERRUPTED, ROLLED_BACK, ROLLBACK_FAILED;

    /** @return true while the node holds (or should hold) a lease: swapping or in probation */
    public boolean inFlight() {
        return this == SWAPPING || this == TRIAL;
    }

    /** @return true if the node runs the new version or may (it must roll back on abort) */
    public boolean tookNewVersion() {
        return this == SWAPPING || this == TRIAL || this == PASSED;
    }

    /** @return true once the node's part of a step is decided */
    public boolean settled() {
        return this == PASSED || this == FAILED || this == SKIPPED;
    }
}
