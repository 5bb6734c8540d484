package io.baton.container.shell.internal.repo;

/**
 * The two repository formats Baton reads. Felix bundlerepository parses both into its own (legacy OBR)
 * model; they differ in what that model then means, which {@link ObrTranslation} needs to know.
 */
enum IndexFormat {
    /** OSGi R5 {@code index.xml} (bnd's indexer): capabilities in OSGi namespaces, a SHA-256 per bundle. */
    R5("R5 index"),
    /**
     * The OBR {@code repository.xml} that maven-bundle-plugin writes, and what bundlerepository makes of
     * a bundle's manifest: {@code package}/{@code bundle} capabilities, a fragment's host as an
     * {@code extend} requirement, a size but no digest.
     */
    OBR("OBR repository.xml");

    /** The namespace of an R5 index's root element. */
    static final String R5_NAMESPACE = "http://www.osgi.org/xmlns/repository/v1.0.0";

    final String label;

    IndexFormat(String label) {
        this.label = label;
    }
}
