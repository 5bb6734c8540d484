package io.baton.container.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses OSGi manifest headers ({@code Import-Package}, {@code Require-Capability}, ...) into clauses:
 * {@code name1;name2;attr=value;dir:=value, ...}, with quoted values that may hold {@code , ; = :}.
 */
final class Clauses {
    /** One clause: its names (usually one), attributes and directives (values unquoted). */
    static final class Clause {
        final List<String> names = new ArrayList<>();
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Map<String, String> directives = new LinkedHashMap<>();
    }

    private Clauses() {}

    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        for (String clauseText : split(header, ',')) {
            Clause clause = new Clause();
            for (String part : split(clauseText, ';')) {
                part = part.trim();
                int directive = indexOutsideQuotes(part, ":=");
                int attribute = indexOutsideQuotes(part, "=");
                if (directive >= 0 && directive < attribute) {
                    clause.directives.put(part.substring(0, directive).trim(), unquote(part.substring(directive + 2)));
                } else if (attribute >= 0) {
                    String key = part.substring(0, attribute).trim();
                    int type = key.indexOf(':');
                    clause.attributes.put(type >= 0 ? key.substring(0, type).trim() : key, unquote(part.substring(attribute + 1)));
                } else if (!part.isEmpty()) {
                    clause.names.add(part);
                }
            }
            if (!clause.names.isEmpty()) {
                clauses.add(clause);
            }
        }
        return clauses;
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static int indexOutsideQuotes(String text, String token) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                quoted = !quoted;
            } else if (!quoted && text.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
