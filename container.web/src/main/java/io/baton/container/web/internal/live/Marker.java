package io.baton.container.web.internal.live;

import org.osgi.service.event.Event;

/**
 * A mark on the dashboard's charts: a swap entering TRIAL, its commit, its rollback (with the detector),
 * a failed rollback, an aborted swap.
 *
 * @param at milliseconds since the epoch, when Baton posted it
 * @param kind {@code swap}, {@code commit}, {@code rollback}, {@code rollback-failed} or {@code aborted}
 */
public record Marker(long at, String kind, String swapId, String label) {

    /** @return the mark for one of Baton's events, or null for events that mark nothing */
    static Marker of(Event e, long at) {
        String swap = String.valueOf(e.getProperty("swap.id"));
        switch (e.getTopic()) {
            case "io/baton/lifecycle/TRIAL":
                return new Marker(at, "swap", swap, swap + " swapped, in TRIAL");
            case "io/baton/lifecycle/COMMITTED":
                return new Marker(at, "commit", swap, swap + " committed");
            case "io/baton/lifecycle/ROLLED_BACK":
                return new Marker(at, "rollback", swap, swap + " rolled back (" + e.getProperty("detector") + ")");
            case "io/baton/lifecycle/ROLLBACK_FAILED":
                return new Marker(at, "rollback-failed", swap, swap + " rollback FAILED");
            case "io/baton/swap/ABORTED":
                return new Marker(at, "aborted", swap, swap + " aborted");
            default:
                return null;
        }
    }
}
