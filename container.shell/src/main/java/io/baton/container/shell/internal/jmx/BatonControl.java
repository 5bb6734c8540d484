package io.baton.container.shell.internal.jmx;

import io.baton.container.core.Container;
import io.baton.container.core.SwapRequest;
import io.baton.container.rollback.CheckpointInfo;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.SwapRecord;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers {@link BatonControlMXBean} in the platform MBean server while Baton runs. */
@Component(service = {}, immediate = true)
public final class BatonControl implements BatonControlMXBean {
    private static final Logger LOG = LoggerFactory.getLogger(BatonControl.class);

    private final Container container;
    private final Lifecycle lifecycle;
    private final ObjectName name;

    @Activate
    public BatonControl(BundleContext context, @Reference Container container, @Reference Lifecycle lifecycle) throws JMException {
        this.container = container;
        this.lifecycle = lifecycle;
        this.name = new ObjectName("io.baton:type=Container,framework=" + ObjectName.quote(context.getProperty(Constants.FRAMEWORK_UUID)));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        server.registerMBean(new StandardMBean(this, BatonControlMXBean.class, true), name);
        LOG.info("JMX: {} registered", name);
    }

    @Deactivate
    void deactivate() throws JMException {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    }

    @Override
    public String[] getManagedBundles() {
        return container.managed().stream().map(b -> b.symbolicName + " " + b.version).toArray(String[]::new);
    }

    @Override
    public String getTrial() {
        SwapRecord trial = lifecycle.trial();
        return trial == null ? "none" : trial.swapId + ": " + io.baton.container.shell.internal.Output.targets(trial.targets);
    }

    @Override
    public String getLastCheckpoint() {
        List<CheckpointInfo> checkpoints = lifecycle.checkpoints();
        return checkpoints.isEmpty() ? "none" : checkpoints.get(0).id;
    }

    @Override
    public String plan(String[] targets) {
        return JmxJson.of(container.plan(SwapRequest.of(targets)));
    }

    @Override
    public String swap(String[] targets, long probationMillis) {
        SwapRequest request = SwapRequest.of(targets);
        request.probationMillis = probationMillis;
        return JmxJson.of(container.swap(request));
    }

    @Override
    public String commit() {
        return JmxJson.of(lifecycle.commit());
    }

    @Override
    public String rollback() {
        return JmxJson.of(lifecycle.rollback());
    }

    @Override
    public String history(int n) {
        return JmxJson.of(lifecycle.history(Math.max(1, n)));
    }
}
