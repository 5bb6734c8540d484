package io.baton.container.shell.internal.repo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.felix.bundlerepository.Capability;
import org.apache.felix.bundlerepository.Requirement;
import org.apache.felix.bundlerepository.Resource;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.IdentityNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.resource.Namespace;

/**
 * Turns a resource of Felix bundlerepository's model back into OSGi namespaces for the resolver.
 *
 * <p>bundlerepository reads both formats into the legacy OBR model, renaming the four namespaces it
 * knows ({@code osgi.wiring.package} becomes {@code package}, {@code osgi.wiring.bundle} {@code bundle},
 * {@code osgi.wiring.host} {@code fragment}, {@code osgi.service} {@code service}) in capability names,
 * attribute keys and requirement filters alike. This class renames them back. Where the two formats
 * differ in meaning, {@link IndexFormat} decides: an OBR {@code fragment} capability is a fragment's
 * own marker (dropped), an R5 one its host's {@code osgi.wiring.host}; an OBR fragment's host is an
 * {@code extend} requirement. Capabilities keep the OBR attribute names beside the OSGi ones
 * ({@code symbolicname}, {@code version}), so filters written either way match. Requirements the
 * framework does not enforce at resolve time (OBR {@code ee} and {@code service}) are left out: the
 * deploy's own checks see the real manifest.
 */
final class ObrTranslation {
    private static final Map<String, String> NAMESPACES = Map.of(
            Capability.PACKAGE, PackageNamespace.PACKAGE_NAMESPACE,
            Capability.BUNDLE, BundleNamespace.BUNDLE_NAMESPACE,
            Capability.FRAGMENT, HostNamespace.HOST_NAMESPACE,
            Capability.SERVICE, "osgi.service");

    private ObrTranslation() {}

    /** @return true if the OBR resource is a fragment in that format */
    static boolean isFragment(Resource obr, IndexFormat format) {
        if (format == IndexFormat.R5) {
            return IdentityNamespace.TYPE_FRAGMENT.equals(obr.getProperties().get(IdentityNamespace.CAPABILITY_TYPE_ATTRIBUTE));
        }
        for (Requirement r : obr.getRequirements()) {
            if (r.isExtend()) {
                return true;
            }
        }
        return false;
    }

    /** @return the resource in OSGi namespaces, named {@code symbolic-name version} */
    static BasicResource translate(Resource obr, IndexFormat format) {
        String bsn = obr.getSymbolicName();
        Version version = obr.getVersion();
        boolean fragment = isFragment(obr, format);
        BasicResource resource = new BasicResource(bsn + " " + version);
        resource.capability(IdentityNamespace.IDENTITY_NAMESPACE, Map.of(IdentityNamespace.IDENTITY_NAMESPACE, bsn,
                IdentityNamespace.CAPABILITY_VERSION_ATTRIBUTE, version, IdentityNamespace.CAPABILITY_TYPE_ATTRIBUTE,
                fragment ? IdentityNamespace.TYPE_FRAGMENT : IdentityNamespace.TYPE_BUNDLE), Map.of());
        for (Capability c : obr.getCapabilities()) {
            capability(resource, c, format, fragment, bsn, version);
        }
        for (Requirement r : obr.getRequirements()) {
            requirement(resource, r);
        }
        return resource;
    }

    private static void capability(BasicResource resource, Capability c, IndexFormat format, boolean fragment, String bsn, Version version) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, String> directives = new HashMap<>(c.getDirectives());
        c.getPropertiesAsMap().forEach((key, value) -> {
            if (key.endsWith(":")) {
                // the OBR model keeps a manifest clause's directives (uses:, mandatory:) as properties
                directives.put(key.substring(0, key.length() - 1), String.valueOf(value));
            } else {
                attributes.put(key, value);
                attributes.putIfAbsent(NAMESPACES.getOrDefault(key, key), value);
            }
        });
        switch (c.getName()) {
            case Capability.BUNDLE:
                if (!fragment) {
                    attributes.put(BundleNamespace.BUNDLE_NAMESPACE, bsn);
                    attributes.put(BundleNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE, version);
                    resource.capability(BundleNamespace.BUNDLE_NAMESPACE, attributes, directives);
                    if (format == IndexFormat.OBR) {
                        // an OBR repository has no host capability: every bundle can host fragments
                        Map<String, Object> host = new LinkedHashMap<>(attributes);
                        host.remove(BundleNamespace.BUNDLE_NAMESPACE);
                        host.put(HostNamespace.HOST_NAMESPACE, bsn);
                        resource.capability(HostNamespace.HOST_NAMESPACE, host, Map.of());
                    }
                }
                return;
            case Capability.FRAGMENT:
                if (format == IndexFormat.R5) {
                    attributes.putIfAbsent(HostNamespace.HOST_NAMESPACE, bsn);
                    attributes.putIfAbsent(Resource.SYMBOLIC_NAME, bsn);
                    resource.capability(HostNamespace.HOST_NAMESPACE, attributes, directives);
                }
                return; // in an OBR repository, the fragment's own marker
            case Capability.PACKAGE:
                attributes.putIfAbsent(PackageNamespace.CAPABILITY_BUNDLE_SYMBOLICNAME_ATTRIBUTE, bsn);
                attributes.putIfAbsent(PackageNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE, version);
                resource.capability(PackageNamespace.PACKAGE_NAMESPACE, attributes, directives);
                return;
            default:
                resource.capability(NAMESPACES.getOrDefault(c.getName(), c.getName()), attributes, directives);
        }
    }

    private static void requirement(BasicResource resource, Requirement r) {
        if (Capability.EXECUTIONENVIRONMENT.equals(r.getName()) || Capability.SERVICE.equals(r.getName())) {
            return;
        }
        String namespace = r.isExtend() ? HostNamespace.HOST_NAMESPACE : NAMESPACES.getOrDefault(r.getName(), r.getName());
        Map<String, String> directives = new HashMap<>(r.getDirectives() == null ? Map.of() : r.getDirectives());
        directives.put(Namespace.REQUIREMENT_FILTER_DIRECTIVE, filter(r.getFilter()));
        if (r.isOptional()) {
            directives.put(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE, Namespace.RESOLUTION_OPTIONAL);
        }
        if (r.isMultiple()) {
            directives.put(Namespace.REQUIREMENT_CARDINALITY_DIRECTIVE, Namespace.CARDINALITY_MULTIPLE);
        }
        resource.requirement(namespace, r.getAttributes() == null ? Map.of() : r.getAttributes(), directives);
    }

    /**
     * The filter in OSGi names: the OBR-only {@code (mandatory:<*...)} clause out (the resolver checks
     * mandatory attributes itself), {@code objectClass} spelt right, the renamed namespaces back.
     */
    static String filter(String obrFilter) {
        String filter = obrFilter.replaceAll("\\(mandatory:<\\*[^)]*\\)", "").replace("(objectclass", "(objectClass");
        for (Map.Entry<String, String> e : NAMESPACES.entrySet()) {
            filter = filter.replaceAll("\\(\\s*" + e.getKey() + "\\s*([<>~]?=)", "(" + e.getValue() + "$1");
        }
        return filter;
    }
}
