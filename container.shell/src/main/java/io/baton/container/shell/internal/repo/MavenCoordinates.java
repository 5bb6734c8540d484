package io.baton.container.shell.internal.repo;

import java.util.regex.Pattern;

/**
 * A target in Karaf's {@code mvn:} syntax: {@code mvn:groupId/artifactId[/version[/type[/classifier]]]}
 * (no version: the newest; a range like {@code [1,2)} works too). Repositories come from the
 * configuration only: a target naming its own repository ({@code mvn:http://host/repo!g/a/1.0}) is
 * refused, so what a deploy can reach is what the operator configured. Immutable.
 */
final class MavenCoordinates {
    static final String PREFIX = "mvn:";
    /** Starts with a letter, digit or {@code _}: no part is {@code ..}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_\\[(][A-Za-z0-9_.,()\\[\\]-]*");
    private static final String USAGE = "expected mvn:groupId/artifactId[/version[/type[/classifier]]], e.g. mvn:org.example/app/1.0.0";

    final String target;
    final String groupId;
    final String artifactId;
    final String version;
    final String type;
    final String classifier;

    private MavenCoordinates(String target, String[] parts) {
        this.target = target;
        this.groupId = parts[0];
        this.artifactId = parts[1];
        this.version = part(parts, 2);
        this.type = part(parts, 3);
        this.classifier = part(parts, 4);
    }

    private static String part(String[] parts, int i) {
        return parts.length > i && !parts[i].isEmpty() ? parts[i] : null;
    }

    static boolean is(String target) {
        return target.startsWith(PREFIX);
    }

    /** @throws IllegalArgumentException naming the target and the expected syntax */
    static MavenCoordinates parse(String target) {
        String rest = target.substring(PREFIX.length());
        if (rest.contains("!")) {
            throw new IllegalArgumentException(target + ": a repository in the target is not accepted; configure it with --maven-repo"
                    + " (framework property org.ops4j.pax.url.mvn.repositories)");
        }
        String[] parts = rest.split("/", -1);
        if (parts.length < 2 || parts.length > 5 || !NAME.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException(target + ": " + USAGE);
        }
        for (int i = 2; i < parts.length; i++) {
            if (!parts[i].isEmpty() && !(i == 2 ? VERSION : NAME).matcher(parts[i]).matches()) {
                throw new IllegalArgumentException(target + ": '" + parts[i] + "' is not a valid " + (i == 2 ? "version" : i == 3 ? "type" : "classifier")
                        + "; " + USAGE);
            }
        }
        return new MavenCoordinates(target, parts);
    }

    @Override
    public String toString() {
        return target;
    }
}
