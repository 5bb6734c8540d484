package io.baton.container.web.internal.jmx;

import java.lang.management.ManagementFactory;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.management.MBeanServer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the JVM's platform MBean server as an OSGi service: Apache Aries JMX (in the runtime)
 * registers the standard OSGi MBeans (framework, bundle, service and package state, configuration) with
 * every {@code MBeanServer} service, so that JConsole and VisualVM see them beside Baton's own MBean.
 */
@Component(service = {}, immediate = true)
public final class PlatformMBeanServer {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformMBeanServer.class);
    private final ServiceRegistration<MBeanServer> registration;

    @Activate
    public PlatformMBeanServer(BundleContext context) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("baton.mbeanserver", "platform");
        registration = context.registerService(MBeanServer.class, ManagementFactory.getPlatformMBeanServer(), props);
        LOG.info("Platform MBean server published for the OSGi JMX MBeans");
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
