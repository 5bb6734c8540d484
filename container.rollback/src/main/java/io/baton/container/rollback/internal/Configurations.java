package io.baton.container.rollback.internal;

import io.baton.container.core.BundleInfo;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ConfigAdmin configurations of the managed bundles: those whose PID a DS component of a managed
 * bundle uses. Saved with each checkpoint, put back by a rollback. Factory configurations are not
 * covered.
 */
final class Configurations {
    private static final Logger LOG = LoggerFactory.getLogger(Configurations.class);

    private Configurations() {}

    static Map<String, Map<String, Object>> save(BundleContext context, List<BundleInfo> managed, ServiceComponentRuntime scr,
            ConfigurationAdmin admin) throws IOException {
        Map<String, Map<String, Object>> saved = new LinkedHashMap<>();
        if (scr == null || admin == null) {
            return saved;
        }
        for (BundleInfo info : managed) {
            Bundle bundle = context.getBundle(info.id);
            if (bundle == null) {
                continue;
            }
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
                for (String pid : d.configurationPid) {
                    Configuration[] found;
                    try {
                        found = admin.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
                    } catch (InvalidSyntaxException e) {
                        continue; // a PID with filter characters cannot be a component's
                    }
                    if (found != null && found[0].getProperties() != null) {
                        saved.put(pid, plain(found[0].getProperties()));
                    }
                }
            }
        }
        return saved;
    }

    /** Makes each saved configuration current again (only where it differs). */
    static void restore(Map<String, Map<String, Object>> saved, ConfigurationAdmin admin) throws IOException {
        if (admin == null) {
            return;
        }
        for (Map.Entry<String, Map<String, Object>> e : saved.entrySet()) {
            Configuration configuration = admin.getConfiguration(e.getKey(), "?");
            Dictionary<String, Object> current = configuration.getProperties();
            if (current == null || !plain(current).equals(e.getValue())) {
                configuration.update(new Hashtable<>(e.getValue()));
                LOG.info("Configuration {} restored from the checkpoint", e.getKey());
            }
        }
    }

    private static Map<String, Object> plain(Dictionary<String, Object> properties) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!key.equals(Constants.SERVICE_PID) && !key.equals("service.bundleLocation")) {
                map.put(key, properties.get(key));
            }
        }
        return map;
    }
}
