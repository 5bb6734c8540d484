package io.baton.container.launcher.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Gogo script into its top-level statements, so that {@code exec} can run them one at a time,
 * print each result and stop at the first failure. A statement ends at a newline or {@code ;} outside
 * quotes and outside {@code {}}, {@code []} and {@code ()}; {@code #} starts a comment at the start of a
 * statement; a backslash escapes the next character.
 */
public final class ScriptSplitter {
    private ScriptSplitter() {}

    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        boolean comment = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (comment) {
                if (c == '\n') {
                    comment = false;
                }
                continue;
            }
            if (c == '\\' && i + 1 < script.length()) {
                current.append(c).append(script.charAt(++i));
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
                continue;
            }
            if (c == '#' && current.toString().isBlank()) {
                comment = true;
                continue;
            }
            switch (c) {
                case '\'':
                case '"':
                    quote = c;
                    break;
                case '{':
                case '[':
                case '(':
                    depth++;
                    break;
                case '}':
                case ']':
                case ')':
                    depth = Math.max(0, depth - 1);
                    break;
                case '\n':
                case ';':
                    if (depth == 0) {
                        add(statements, current);
                        continue;
                    }
                    break;
                default:
                    break;
            }
            current.append(c);
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
