package io.baton.demo.cart.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * A moment the report marks on every chart, each with its own colour, dash and label: the start of each
 * swap, and the end of the faulty release's rollback (the old version serving again).
 *
 * @param atNanos since the demo's origin
 * @param label the legend's name for it
 * @param tag the short label drawn beside its line
 */
record Mark(String label, String tag, long atNanos, Color color, BasicStroke stroke) {
    private static final Color[] SWAP_COLORS = {new Color(0x82, 0x50, 0xdf), new Color(0x1a, 0x7f, 0x37), new Color(0xbf, 0x87, 0x00)};
    private static final Color ROLLBACK = new Color(0xd1, 0x24, 0x2f);

    static List<Mark> of(List<SwapStep> steps) {
        List<Mark> marks = new ArrayList<>();
        int i = 0;
        for (SwapStep s : steps) {
            Color color = SWAP_COLORS[i % SWAP_COLORS.length];
            marks.add(new Mark("swap " + s.label(), (i + 1) + ": " + s.from + " -> " + s.to, s.startNanos, color, dashed(i == 0 ? null : new float[] {8f, 3f + 2 * i})));
            if (s.rollbackEndNanos > 0) {
                marks.add(new Mark("rolled back " + s.to + " -> " + s.from, "rollback to " + s.from, s.rollbackEndNanos, ROLLBACK, dashed(new float[] {2f, 3f})));
            }
            i++;
        }
        return marks;
    }

    double atSeconds() {
        return atNanos / 1e9;
    }

    private static BasicStroke dashed(float[] dash) {
        return dash == null ? new BasicStroke(2f) : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
    }
}
