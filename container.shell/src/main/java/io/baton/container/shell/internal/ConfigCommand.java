package io.baton.container.shell.internal;

import io.baton.container.shell.internal.config.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code baton:config}: Baton's own settings (the failure detectors, probation, checkpoint retention)
 * shown with their defaults and descriptions, and changed with types and bounds checked against the
 * metatype Baton's bundles carry, through ConfigAdmin (so they persist with the framework). Gogo's own
 * {@code cm} cannot coerce the values from text; this can.
 */
@Component(service = ConfigCommand.class, property = {"osgi.command.scope=baton", "osgi.command.function=config"})
public final class ConfigCommand {
    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;

    @Activate
    public ConfigCommand(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
    }

    /** One setting as shown. */
    public static final class Row {
        public String pid;
        public String key;
        public Object value;
        public String defaultValue;
        public boolean set;
        public String type;
        public String description;
    }

    @Descriptor("show Baton's settings; or set some: baton:config io.baton.rollback failureLimit=0.1 minCalls=100 (the PID may be "
            + "shortened to 'rollback'); or --reset a PID (or some of its keys) to the defaults")
    public String config(
            @Descriptor(Output.JSON_HELP) @Parameter(names = Output.JSON, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("back to the defaults: the PID's keys named, or all of them")
            @Parameter(names = "--reset", presentValue = "true", absentValue = "false") boolean reset,
            @Descriptor("a PID, then key=value pairs (or keys, with --reset); nothing: show all") String... args) throws IOException {
        List<Settings.Pid> pids = Settings.of(context);
        if (args == null || args.length == 0) {
            if (reset) {
                throw new IllegalArgumentException("--reset needs a PID; known: " + names(pids));
            }
            return show(json, pids, null);
        }
        Settings.Pid pid = find(pids, args[0]);
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (reset) {
            return reset(json, pids, pid, rest);
        }
        if (rest.isEmpty()) {
            return show(json, pids, pid.pid);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String pair : rest) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair + "': expected key=value; keys of " + pid.pid + ": " + keys(pid));
            }
            String key = pair.substring(0, eq).trim();
            Settings.Attribute attr = pid.attributes.get(key);
            if (attr == null) {
                throw new IllegalArgumentException(pid.pid + " has no setting '" + key + "'; known: " + keys(pid));
            }
            changes.put(key, Settings.convert(pid, attr, pair.substring(eq + 1))); // all checked before any is applied
        }
        Configuration configuration = configurationAdmin.getConfiguration(pid.pid, "?");
        Dictionary<String, Object> properties = current(configuration);
        changes.forEach(properties::put);
        configuration.update(properties);
        return show(json, pids, pid.pid);
    }

    private String reset(boolean json, List<Settings.Pid> pids, Settings.Pid pid, List<String> keys) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(pid.pid, "?");
        if (keys.isEmpty()) {
            configuration.delete();
            return show(json, pids, pid.pid);
        }
        Dictionary<String, Object> properties = current(configuration);
        for (String key : keys) {
            if (!pid.attributes.containsKey(key)) {
                throw new IllegalArgumentException(pid.pid + " has no setting '" + key + "'; known: " + keys(pid));
            }
            properties.remove(key);
        }
        configuration.update(properties);
        return show(json, pids, pid.pid);
    }

    private static Dictionary<String, Object> current(Configuration configuration) {
        Dictionary<String, Object> properties = configuration.getProperties();
        return properties == null ? new Hashtable<>() : properties;
    }

    private String show(boolean json, List<Settings.Pid> pids, String only) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Settings.Pid pid : pids) {
            if (only != null && !only.equals(pid.pid)) {
                continue;
            }
            Configuration[] existing;
            try {
                existing = configurationAdmin.listConfigurations("(service.pid=" + pid.pid + ")");
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException("PID " + pid.pid + " makes no valid filter", e);
            }
            Dictionary<String, Object> values = existing == null || existing.length == 0 ? null : existing[0].getProperties();
            for (Settings.Attribute attr : pid.attributes.values()) {
                Row r = new Row();
                r.pid = pid.pid;
                r.key = attr.id;
                Object value = values == null ? null : values.get(attr.id);
                r.set = value != null;
                r.value = value instanceof String[] ? String.join(",", (String[]) value) : value;
                r.defaultValue = attr.defaultValue;
                r.type = Settings.expected(attr);
                r.description = attr.description;
                rows.add(r);
            }
        }
        return Output.of(json, rows, all -> {
            Table table = new Table("PID", "KEY", "VALUE", "DEFAULT", "EXPECTED");
            for (Row r : all) {
                table.row(r.pid, r.key, r.set ? r.value : "(default)", r.defaultValue, r.type);
            }
            return table.toString();
        });
    }

    /** @throws IllegalArgumentException naming the known PIDs */
    private static Settings.Pid find(List<Settings.Pid> pids, String name) {
        for (Settings.Pid pid : pids) {
            if (pid.pid.equals(name) || pid.pid.equals("io.baton." + name)) {
                return pid;
            }
        }
        throw new IllegalArgumentException("No Baton settings '" + name + "'; known: " + names(pids));
    }

    private static String names(List<Settings.Pid> pids) {
        return pids.stream().map(p -> p.pid).collect(Collectors.joining(", "));
    }

    private static String keys(Settings.Pid pid) {
        return String.join(", ", pid.attributes.keySet());
    }
}
