package io.baton.fleet.agent;

/** One line of a rollout's history: when, what, which node (or none), and the detail. */
public class TimelineEvent {
    public long at;
    public String event;
    public String node;
    public String detail;

    public TimelineEvent() {}

    public TimelineEvent(long at, String event, String node, String detail) {
        this.at = at;
        this.event = event;
        this.node = node;
        this.detail = detail;
    }
}
