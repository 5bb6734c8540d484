package io.baton.container.core.internal;

import io.baton.container.core.spi.ManagedLocation;
import io.baton.container.core.spi.SwapParticipant;
import java.io.ByteArrayInputStream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/** Installs a jar as a managed bundle, the one way deploy and STAGE do it: the participants first (they pin it), then the framework. */
final class ManagedInstall {
    private ManagedInstall() {}

    /**
     * @return the installed bundle, not started, with no role yet
     * @throws IllegalArgumentException naming the jar and why: a participant refused it, or the framework did
     */
    static Bundle install(SwapEnvironment env, TargetJar jar) {
        for (SwapParticipant p : env.participants()) {
            try {
                p.installing(jar.symbolicName, jar.version.toString(), jar.source, jar.bytes);
            } catch (Exception e) {
                throw new IllegalArgumentException(jar + " refused by " + p.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        try {
            return env.context.installBundle(ManagedLocation.of(jar.source), new ByteArrayInputStream(jar.bytes));
        } catch (BundleException | RuntimeException e) {
            throw new IllegalArgumentException(jar + " cannot be installed: " + e.getMessage(), e);
        }
    }
}
