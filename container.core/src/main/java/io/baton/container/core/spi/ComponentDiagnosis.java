package io.baton.container.core.spi;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** What Declarative Services says about the components of a bundle that are not active. */
public final class ComponentDiagnosis {
    private ComponentDiagnosis() {}

    /**
     * @param scr the DS runtime, or null (then nothing is known)
     * @param failedOrUnsatisfiedOnly only activation failures and unsatisfied references (what a
     *     probation treats as a fault), not missing configurations or disabled components
     * @return one line per problem, e.g. {@code component x of b 1.0.0 failed to activate: <cause>}; empty if none
     */
    public static List<String> problems(ServiceComponentRuntime scr, Bundle bundle, boolean failedOrUnsatisfiedOnly) {
        List<String> problems = new ArrayList<>();
        if (scr == null) {
            return problems;
        }
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
            String component = "component " + d.name + " of " + bundle.getSymbolicName() + " " + bundle.getVersion();
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    problems.add(component + " failed to activate: " + c.failure);
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    problems.add(component + " has an unsatisfied reference");
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION && !failedOrUnsatisfiedOnly) {
                    problems.add(component + " lacks its configuration");
                }
            }
            if (!failedOrUnsatisfiedOnly && !scr.isComponentEnabled(d)) {
                problems.add(component + " is disabled");
            }
        }
        return problems;
    }

    /** @return the problems as a suffix for a message ({@code "; component x ..."}), empty if none */
    public static String suffix(ServiceComponentRuntime scr, Bundle bundle) {
        StringBuilder out = new StringBuilder();
        problems(scr, bundle, false).forEach(p -> out.append("; ").append(p));
        return out.toString();
    }
}
