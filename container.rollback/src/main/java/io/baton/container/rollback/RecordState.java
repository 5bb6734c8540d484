package io.baton.container.rollback;

/**
 * The state of a record in the swap journal, as in Erlang/OTP's release handler: a swap is in TRIAL
 * (installed but not permanent) until its probation ends well or it is undone.
 *
 * <table>
 * <caption>Transitions</caption>
 * <tr><th>state</th><th>event</th><th>next state</th></tr>
 * <tr><td>(swap SWAPPED)</td><td>switch</td><td>TRIAL</td></tr>
 * <tr><td>TRIAL</td><td>probation ends clean, or commit by hand</td><td>COMMITTED</td></tr>
 * <tr><td>TRIAL</td><td>a detector fires, or rollback by hand, and the rollback swap succeeds</td><td>ROLLED_BACK</td></tr>
 * <tr><td>TRIAL</td><td>the rollback swap fails</td><td>TRIAL (reported; the checkpoint is kept)</td></tr>
 * <tr><td>(rollback or commit)</td><td>done</td><td>DONE, or FAILED with the cause</td></tr>
 * </table>
 *
 * <p>One swap at a time, and none while another is in TRIAL, except the rollback or commit of it.
 */
public enum RecordState {
    TRIAL, COMMITTED, ROLLED_BACK, DONE, FAILED
}
