package io.baton.container.shell.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table for people: a header row, a dashed rule, then the rows. Columns are as wide as
 * their widest cell; the last column is not padded, so lines carry no trailing blanks.
 */
public final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = header.clone();
    }

    /** Adds a row; {@code null} cells print as {@code -}. */
    public Table row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException(
                    "Row has " + cells.length + " cells, expected " + header.length + " (" + String.join(", ", header) + ")");
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        String[] rule = new String[header.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        line(out, rule, width);
        for (String[] row : rows) {
            line(out, row, width);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            out.append(cells[i]);
            if (i < cells.length - 1) {
                out.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        out.append('\n');
    }
}
