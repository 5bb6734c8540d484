package io.baton.container.rollback;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of a record in the swap journal, as in Erlang/OTP's release handler: a swap is in TRIAL
 * (installed but not permanent) until its probation ends well or it is undone. The journal refuses
 * every move this table does not list ({@link #canMoveTo}).
 *
 * <table>
 * <caption>Transitions</caption>
 * <tr><th>state</th><th>event</th><th>next state</th></tr>
 * <tr><td>(a SWAP record is created)</td><td>the swap switched</td><td>TRIAL</td></tr>
 * <tr><td>(a SWAP record is created)</td><td>the swap was refused (VALIDATE) or aborted and undone</td><td>REFUSED or ABORTED</td></tr>
 * <tr><td>TRIAL</td><td>probation ends clean, or commit by hand</td><td>COMMITTED</td></tr>
 * <tr><td>TRIAL</td><td>a detector fires, or rollback by hand, and the swap back succeeds; or a restart with the swap in TRIAL</td><td>ROLLED_BACK</td></tr>
 * <tr><td>TRIAL</td><td>the swap back fails</td><td>TRIAL (reported by a FAILED ROLLBACK record; the checkpoint is kept)</td></tr>
 * <tr><td>(a ROLLBACK or COMMIT record is created)</td><td>it ran</td><td>DONE, or FAILED with the cause</td></tr>
 * <tr><td>COMMITTED, ROLLED_BACK, REFUSED, ABORTED, DONE, FAILED</td><td>(final)</td><td>none</td></tr>
 * </table>
 *
 * <p>One swap at a time, and none while another is in TRIAL, except the rollback or commit of it.
 */
public enum RecordState {
    TRIAL, COMMITTED, ROLLED_BACK, REFUSED, ABORTED, DONE, FAILED;

    /** @return the states a record may be created in for this kind: TRIAL, REFUSED or ABORTED for a swap, DONE or FAILED for the others */
    public static Set<RecordState> initial(RecordKind kind) {
        return kind == RecordKind.SWAP ? EnumSet.of(TRIAL, REFUSED, ABORTED) : EnumSet.of(DONE, FAILED);
    }

    /** @return the states a record in this state may move to (the table above); empty for a final state */
    public Set<RecordState> next() {
        return this == TRIAL ? EnumSet.of(COMMITTED, ROLLED_BACK) : EnumSet.noneOf(RecordState.class);
    }

    /** @return whether the table allows the move from this state to {@code next} */
    public boolean canMoveTo(RecordState next) {
        return next().contains(next);
    }
}
