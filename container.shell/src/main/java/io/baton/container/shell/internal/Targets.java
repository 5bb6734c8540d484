package io.baton.container.shell.internal;

import java.util.List;

/**
 * Checks the positional targets of a command. Gogo hands an unknown {@code --option} on as an
 * argument; here it becomes a usage error instead of a target that does not exist.
 */
final class Targets {
    private Targets() {}

    static List<String> of(String command, String usage, String... targets) {
        if (targets == null || targets.length == 0) {
            throw new IllegalArgumentException("baton:" + command + ": missing target\nusage: " + usage);
        }
        for (String t : targets) {
            if (t.startsWith("-")) {
                throw new IllegalArgumentException("baton:" + command + ": unknown option " + t + "\nusage: " + usage);
            }
        }
        return List.of(targets);
    }
}
