package io.baton.container.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;

/** One bundle of a swap: the jar, the running bundle it replaces, and (once staged) the new bundle. */
final class Target {
    final TargetJar jar;
    final Bundle old;
    final List<Facade> oldFacades;
    Bundle staged;
    final List<StagedService> services = new ArrayList<>();
    /** Identities of the old version's services no facade can stand in for (registered under a class). */
    final java.util.Set<String> unfacadable = new java.util.HashSet<>();
    /** The old version's DS components that are not active, by name, with why (VALIDATE). */
    final Map<String, String> inactiveInOld = new LinkedHashMap<>();

    Target(TargetJar jar, Bundle old, List<Facade> oldFacades) {
        this.jar = jar;
        this.old = old;
        this.oldFacades = oldFacades;
    }

    /**
     * A facade whose implementation was unregistered meanwhile (its DS component was deactivated, e.g.
     * by a configuration change) cannot be swapped from: the swap fails and can simply be retried.
     */
    static void checkLive(List<Facade> facades) throws PhaseFailure {
        for (Facade f : facades) {
            if (f.implementation().getBundle() == null) {
                throw new PhaseFailure("service " + f.identity + " was unregistered while the swap began (its component was"
                        + " deactivated, e.g. by a configuration change); retry once it is back");
            }
        }
    }
}
