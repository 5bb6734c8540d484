package io.baton.container.core.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** What Declarative Services says about the components of a bundle that are not active. */
public final class ComponentDiagnosis {
    private ComponentDiagnosis() {}

    /**
     * The components of a bundle that are not active, and why: what a swap does not require of the next
     * version (a component that never ran cannot be asked to run after a swap).
     *
     * @return component name to reason ({@code lacks its configuration}, {@code has an unsatisfied
     *     reference}, {@code failed to activate: <cause>}, {@code is disabled}); empty without DS
     */
    public static Map<String, String> inactive(ServiceComponentRuntime scr, Bundle bundle) {
        Map<String, String> inactive = new LinkedHashMap<>();
        if (scr == null) {
            return inactive;
        }
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
            if (!scr.isComponentEnabled(d)) {
                inactive.put(d.name, "is disabled");
                continue;
            }
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(d);
            if (configurations.isEmpty()) {
                inactive.put(d.name, "lacks its configuration"); // required configuration absent: no configuration DTO at all
            }
            for (ComponentConfigurationDTO c : configurations) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    inactive.put(d.name, "failed to activate: " + Failures.firstLine(c.failure));
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    inactive.put(d.name, "has an unsatisfied reference");
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    inactive.put(d.name, "lacks its configuration");
                }
            }
        }
        return inactive;
    }

    /** @return the problems as a suffix for a message ({@code "; component x ..."}), empty if none */
    public static String suffix(ServiceComponentRuntime scr, Bundle bundle) {
        StringBuilder out = new StringBuilder();
        inactive(scr, bundle).forEach((name, reason) -> out.append("; component ").append(name).append(' ').append(reason));
        return out.toString();
    }
}
