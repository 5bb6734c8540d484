package io.baton.container.launcher.cli;

import io.baton.container.launcher.BatonContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;
import picocli.CommandLine.Option;

/**
 * {@code --set PID:key=value} (repeatable): Baton settings applied at start through {@code baton:config},
 * with the same type and bounds checks, e.g. {@code --set rollback:failureLimit=0.1}. They are written to
 * ConfigAdmin, so they also stay for later starts of the home.
 */
final class SettingsOptions {
    @Option(names = "--set", paramLabel = "PID:KEY=VALUE",
            description = "a Baton setting, e.g. rollback:failureLimit=0.1 or io.baton.rollback:latencyEnabled=true; repeatable; see baton:config for every key")
    List<String> settings = new ArrayList<>();

    /** @return the first problem with the options' syntax, or null */
    String problem() {
        for (String s : settings) {
            int colon = s.indexOf(':');
            int eq = s.indexOf('=');
            if (colon <= 0 || eq < colon + 2) {
                return "--set " + s + ": expected PID:KEY=VALUE, e.g. rollback:failureLimit=0.1";
            }
            if (s.indexOf('\'') >= 0) {
                return "--set " + s + ": a value cannot contain a single quote";
            }
        }
        return null;
    }

    /**
     * Applies the settings, one {@code baton:config} per PID.
     *
     * @throws RuntimeException from the command, naming the key, the value and what was expected
     */
    void apply(BatonContainer container) {
        if (settings.isEmpty()) {
            return;
        }
        awaitConfigCommand(container);
        Map<String, List<String>> byPid = new LinkedHashMap<>();
        for (String s : settings) {
            int colon = s.indexOf(':');
            byPid.computeIfAbsent(s.substring(0, colon), k -> new ArrayList<>()).add(s.substring(colon + 1));
        }
        byPid.forEach((pid, pairs) -> {
            StringBuilder command = new StringBuilder("baton:config ").append(pid);
            pairs.forEach(p -> command.append(" '").append(p).append('\''));
            container.execute(command.toString());
        });
    }

    private static void awaitConfigCommand(BatonContainer container) {
        container.awaitCommands(Duration.ofSeconds(30));
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(container.context(),
                    container.context().createFilter("(&(osgi.command.scope=baton)(osgi.command.function=config))"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open(true);
        try {
            if (tracker.waitForService(30_000) == null) {
                throw new IllegalStateException("baton:config did not appear within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for baton:config", e);
        } finally {
            tracker.close();
        }
    }
}
