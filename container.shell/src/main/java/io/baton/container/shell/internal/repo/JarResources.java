package io.baton.container.shell.internal.repo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.felix.bundlerepository.DataModelHelper;
import org.apache.felix.bundlerepository.Resource;

/**
 * A local jar target as a resource, so that the bundles a deploy names by name can wire to the jars it
 * names beside them. bundlerepository reads the manifest (as maven-bundle-plugin does for an OBR
 * repository); its model has no {@code Require-Capability}, so a jar target's generic requirements
 * are not matched with repository bundles: the deploy's own resolve check still names any missing.
 */
final class JarResources {
    private JarResources() {}

    /**
     * @return the resource, or null for a target that is not a local jar with a symbolic name (a remote
     *         URL, a missing file, a plain jar: the deploy itself reports those)
     */
    static BasicResource read(String target, DataModelHelper helper) {
        Path jar = localPath(target);
        if (jar == null || !Files.isRegularFile(jar)) {
            return null;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            Resource obr = manifest == null ? null : helper.createResource(manifest.getMainAttributes());
            return obr == null ? null : ObrTranslation.translate(obr, IndexFormat.OBR);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Path localPath(String target) {
        try {
            if (target.startsWith("file:")) {
                return Path.of(URI.create(target));
            }
            return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") ? null : Path.of(target);
        } catch (IllegalArgumentException e) { // InvalidPathException too
            return null;
        }
    }
}
