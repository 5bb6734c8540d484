package io.baton.fleet.agent;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of a fleet rollout. Only the coordinator (the elected leader) changes it, with a fenced
 * write; {@link #to} rejects every move that is not in this table.
 *
 * <table>
 * <caption>Transitions</caption>
 * <tr><th>state</th><th>event</th><th>next state</th></tr>
 * <tr><td>(submitted)</td><td>{@code rollout start}</td><td>VALIDATING</td></tr>
 * <tr><td>VALIDATING</td><td>every node planned the targets (dry run)</td><td>RUNNING</td></tr>
 * <tr><td>VALIDATING</td><td>a node refused the plan, no node took part, or the deadline passed</td><td>REFUSED</td></tr>
 * <tr><td>VALIDATING</td><td>abort</td><td>ABORTING</td></tr>
 * <tr><td>RUNNING</td><td>pause by hand; analysis inconclusive past {@code inconclusiveLimit}; progress deadline passed</td><td>PAUSED</td></tr>
 * <tr><td>RUNNING</td><td>abort by hand; failures past {@code failureLimit}</td><td>ABORTING</td></tr>
 * <tr><td>RUNNING</td><td>the last step passed its analysis</td><td>COMPLETED</td></tr>
 * <tr><td>PAUSED</td><td>resume</td><td>RUNNING</td></tr>
 * <tr><td>PAUSED</td><td>abort</td><td>ABORTING</td></tr>
 * <tr><td>ABORTING</td><td>every node that took the new version rolled back locally</td><td>ROLLED_BACK</td></tr>
 * <tr><td>ABORTING</td><td>a node's local rollback failed, or a node stayed away past the deadline</td><td>ROLLBACK_FAILED</td></tr>
 * </table>
 *
 * <p>COMPLETED, ROLLED_BACK, REFUSED and ROLLBACK_FAILED are terminal: the fleet's active-rollout
 * marker is cleared in the same write, so a new rollout can be submitted. The point of no return of
 * the whole rollout is the first admission in RUNNING: before it, nothing changed on any node.
 */
public enum RolloutState {
    VALIDATING, RUNNING, PAUSED, ABORTING, COMPLETED, ROLLED_BACK, REFUSED, ROLLBACK_FAILED;

    /** @return the states this one may move to (empty for a terminal state) */
    public Set<RolloutState> next() {
        switch (this) {
            case VALIDATING:
                return EnumSet.of(RUNNING, REFUSED, ABORTING);
            case RUNNING:
                return EnumSet.of(PAUSED, ABORTING, COMPLETED);
            case PAUSED:
                return EnumSet.of(RUNNING, ABORTING);
            case ABORTING:
                return EnumSet.of(ROLLED_BACK, ROLLBACK_FAILED);
            default:
                return EnumSet.noneOf(RolloutState.class);
        }
    }

    /** @return true for COMPLETED, ROLLED_BACK, REFUSED and ROLLBACK_FAILED */
    public boolean terminal() {
        return next().isEmpty();
    }

    /**
     * @return {@code target}, if the table allows this move
     * @throws IllegalStateException naming both states and the allowed ones otherwise
     */
    public RolloutState to(RolloutState target) {
        if (!next().contains(target)) {
            throw new IllegalStateException("A rollout in " + this + " cannot go to " + target + "; from " + this
                    + (terminal() ? " (terminal) nothing is allowed" : " only " + next() + " are allowed"));
        }
        return target;
    }
}
