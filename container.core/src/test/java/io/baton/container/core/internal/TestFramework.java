package io.baton.container.core.internal;

import io.baton.container.core.spi.ManagedLocation;
import io.baton.container.core.spi.SwapParticipant;
import io.baton.container.statexfer.StateTransfer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A real Apache Felix framework for the phase tests (no DS, no Baton bundles): the managed-bundle
 * bookkeeping of container.core runs inside it on the system bundle's context, test bundles are jars
 * made on the fly (a manifest, maybe DS descriptors, no classes), and their "services" are registered
 * by the test through the bundles' own contexts, as their activators would.
 */
final class TestFramework extends ExternalResource {
    private final TemporaryFolder folder = new TemporaryFolder();
    Framework framework;
    BundleContext context;
    ManagedServices managed;
    final List<SwapParticipant> participants = new ArrayList<>();

    @Override
    protected void before() throws Throwable {
        folder.create();
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, folder.newFolder("felix").getAbsolutePath());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("felix.resolver.parallelism", "1");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        framework.start();
        context = framework.getBundleContext();
        BundleRoles roles = new BundleRoles(context);
        ServiceHiding hiding = new ServiceHiding(context, roles);
        Facades facades = new Facades(context, roles, hiding, new ServiceScopes(context));
        roles.open();
        facades.open();
        managed = new ManagedServices(roles, hiding, facades, new RuntimeBundles(context));
    }

    @Override
    protected void after() {
        try {
            managed.facades.close();
            managed.roles.close();
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            folder.delete();
        }
    }

    SwapEnvironment env(StateTransfer stateTransfer) {
        return new SwapEnvironment(context, managed, stateTransfer, () -> null, () -> null, () -> participants);
    }

    /** A managed bundle serving (deployed): installed at a managed location, ACTIVE, started. */
    Bundle deploy(String symbolicName, String version) throws BundleException, IOException {
        Bundle b = context.installBundle(ManagedLocation.of(symbolicName + "-" + version), new ByteArrayInputStream(jar(symbolicName, version, Map.of())));
        managed.roles.set(b, BundleRoles.Role.ACTIVE);
        b.start();
        return b;
    }

    /** A target jar on disk. */
    Path file(String symbolicName, String version, Map<String, String> descriptors) throws IOException {
        Path p = folder.newFile(symbolicName + "-" + version + "-" + System.nanoTime() + ".jar").toPath();
        Files.write(p, jar(symbolicName, version, descriptors));
        return p;
    }

    /**
     * A bundle jar without classes.
     *
     * @param descriptors DS descriptors by entry name (listed in Service-Component)
     */
    static byte[] jar(String symbolicName, String version, Map<String, String> descriptors) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        a.putValue(Constants.BUNDLE_VERSION, version);
        if (!descriptors.isEmpty()) {
            a.putValue("Service-Component", String.join(",", descriptors.keySet()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m)) {
            for (Map.Entry<String, String> d : descriptors.entrySet()) {
                out.putNextEntry(new JarEntry(d.getKey()));
                out.write(d.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A DS descriptor of one component providing {@code Supplier}, with properties. */
    static Map<String, String> component(String name, Map<String, Object> properties) {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?><scr:component xmlns:scr='http://www.osgi.org/xmlns/scr/v1.3.0' name='")
                .append(name).append("'><implementation class='x.Impl'/><service><provide interface='java.util.function.Supplier'/></service>");
        properties.forEach((k, v) -> xml.append("<property name='").append(k).append("' type='").append(v instanceof Integer ? "Integer" : "String")
                .append("' value='").append(v).append("'/>"));
        xml.append("</scr:component>");
        Map<String, String> d = new LinkedHashMap<>();
        d.put("OSGI-INF/" + name + ".xml", xml.toString());
        return d;
    }
}
