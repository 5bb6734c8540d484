package io.baton.container.core.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;

/** One bundle of a swap: the jar, the running bundle it replaces, and (once staged) the new bundle. */
final class Target {
    final TargetJar jar;
    final Bundle old;
    final List<Facade> oldFacades;
    Bundle staged;
    final List<StagedService> services = new ArrayList<>();

    Target(TargetJar jar, Bundle old, List<Facade> oldFacades) {
        this.jar = jar;
        this.old = old;
        this.oldFacades = oldFacades;
    }
}
