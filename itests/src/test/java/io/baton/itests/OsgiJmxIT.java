package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The standard OSGi JMX MBeans (Apache Aries JMX, registered with the platform MBean server that
 * container.web publishes), read as JConsole reads them: from the platform MBean server, by the
 * framework's UUID. Framework, bundle, service, package and configuration state agree with the framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OsgiJmxIT extends SwapTestSupport {
    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Test
    public void jconsoleSeesTheFrameworkItsBundlesServicesPackagesAndConfigurationsTheOsgiWay() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, ObjectName> mbeans = awaitMBeans(server, "framework", "bundleState", "serviceState", "packageState", "cm");

        // framework: its start level as the framework has it
        assertEquals(context.getBundle(0).adapt(org.osgi.framework.startlevel.FrameworkStartLevel.class).getStartLevel(),
                ((Number) server.getAttribute(mbeans.get("framework"), "FrameworkStartLevel")).intValue());

        // bundles: every bundle, each with its state; the managed cart among them, ACTIVE
        long[] ids = (long[]) server.getAttribute(mbeans.get("bundleState"), "BundleIds");
        assertEquals(context.getBundles().length, ids.length);
        Bundle cart = Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals("io.baton.example.cart.impl")).findFirst().orElseThrow();
        assertEquals("ACTIVE", server.invoke(mbeans.get("bundleState"), "getState", new Object[] {cart.getBundleId()}, new String[] {"long"}));
        assertEquals("2.0.0", server.invoke(mbeans.get("bundleState"), "getVersion", new Object[] {cart.getBundleId()}, new String[] {"long"}));

        // services: Baton's Container among them, and the cart's facade
        TabularData services = (TabularData) server.invoke(mbeans.get("serviceState"), "listServices", new Object[0], new String[0]);
        Set<String> classes = services.values().stream().flatMap(row -> Arrays.stream((String[]) ((CompositeData) row).get("objectClass")))
                .collect(Collectors.toSet());
        assertTrue(classes.toString(), classes.contains("io.baton.container.core.Container"));
        assertTrue(classes.toString(), classes.contains("io.baton.example.cart.api.CartService"));

        // packages: the container API exported in its version
        TabularData packages = (TabularData) server.invoke(mbeans.get("packageState"), "listPackages", new Object[0], new String[0]);
        String exported = exportedVersion("io.baton.container.core");
        assertTrue("io.baton.container.core " + exported + " exported", packages.values().stream().map(CompositeData.class::cast)
                .anyMatch(p -> "io.baton.container.core".equals(p.get("Name")) && exported.equals(p.get("Version"))));

        // configurations: one made through ConfigAdmin is visible with its properties
        Configuration config = configurationAdmin.getConfiguration("io.baton.itests.jmx", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("answer", "42");
        config.update(props);
        TabularData read = (TabularData) server.invoke(mbeans.get("cm"), "getProperties", new Object[] {"io.baton.itests.jmx"}, new String[] {String.class.getName()});
        Map<String, Object> values = new TreeMap<>();
        read.values().forEach(row -> values.put((String) ((CompositeData) row).get("Key"), ((CompositeData) row).get("Value")));
        assertEquals(values.toString(), "42", values.get("answer"));
        config.delete();
    }

    /** Aries registers the MBeans once it sees the MBean server service: wait (bounded) for this framework's. */
    private Map<String, ObjectName> awaitMBeans(MBeanServer server, String... kinds) throws Exception {
        String uuid = context.getProperty(Constants.FRAMEWORK_UUID);
        long deadline = System.currentTimeMillis() + 20_000;
        Map<String, ObjectName> found = new TreeMap<>();
        while (true) {
            for (ObjectName name : server.queryNames(new ObjectName("osgi.*:*"), null)) {
                if (uuid.equals(name.getKeyProperty("uuid"))) {
                    String kind = name.getKeyProperty("type") != null ? name.getKeyProperty("type") : name.getKeyProperty("service");
                    found.put(kind, name);
                }
            }
            if (found.keySet().containsAll(List.of(kinds)) || System.currentTimeMillis() > deadline) {
                break;
            }
            Thread.sleep(50);
        }
        assertTrue("OSGi MBeans of framework " + uuid + ": " + found, found.keySet().containsAll(List.of(kinds)));
        return found;
    }

    /** @return the version of {@code pkg} as the framework wires it to this test: what the MBean must show */
    private String exportedVersion(String pkg) {
        for (org.osgi.framework.wiring.BundleWire w : context.getBundle().adapt(org.osgi.framework.wiring.BundleWiring.class)
                .getRequiredWires(org.osgi.framework.namespace.PackageNamespace.PACKAGE_NAMESPACE)) {
            if (pkg.equals(w.getCapability().getAttributes().get(org.osgi.framework.namespace.PackageNamespace.PACKAGE_NAMESPACE))) {
                return String.valueOf(w.getCapability().getAttributes().get(org.osgi.framework.namespace.PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE));
            }
        }
        throw new AssertionError("the test does not import " + pkg);
    }
}
