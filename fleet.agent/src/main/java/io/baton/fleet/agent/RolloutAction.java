package io.baton.fleet.agent;

/** What an operator can ask of a running rollout; the coordinator applies it (see {@link RolloutState}). */
public enum RolloutAction {
    PAUSE, RESUME, ABORT;

    /** @return the state this action moves a rollout to */
    public RolloutState target() {
        return this == PAUSE ? RolloutState.PAUSED : this == RESUME ? RolloutState.RUNNING : RolloutState.ABORTING;
    }
}
