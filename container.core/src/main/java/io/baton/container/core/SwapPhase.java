package io.baton.container.core;

/**
 * The phases of a swap, in order. Everything before {@link #SWITCH} can fail and leaves the container
 * exactly as it was; {@link #SWITCH} is the point of no return.
 *
 * <table>
 * <caption>Phase transitions</caption>
 * <tr><th>phase</th><th>on success</th><th>on failure</th></tr>
 * <tr><td>VALIDATE</td><td>STAGE (or the end, for a plan)</td><td>refused: nothing was touched</td></tr>
 * <tr><td>STAGE</td><td>QUIESCE</td><td>aborted: staged bundles uninstalled</td></tr>
 * <tr><td>QUIESCE</td><td>TRANSFER</td><td>aborted: gates reopened on the old objects, staged bundles uninstalled</td></tr>
 * <tr><td>TRANSFER</td><td>SWITCH</td><td>aborted: as QUIESCE; the old state was only read, never changed</td></tr>
 * <tr><td>SWITCH</td><td>RETIRE</td><td>(cannot fail: pointers are swapped and gates opened)</td></tr>
 * <tr><td>RETIRE</td><td>done</td><td>logged: the new version serves; old bundles may be left running</td></tr>
 * </table>
 */
public enum SwapPhase {
    VALIDATE, STAGE, QUIESCE, TRANSFER, SWITCH, RETIRE
}
