package io.baton.container.core.internal;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.ContainerStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Container} service: reads the framework through the bundle context of container.core. */
@Component(service = Container.class)
public final class ContainerImpl implements Container {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerImpl.class);

    private final BundleContext context;

    @Activate
    public ContainerImpl(BundleContext context) {
        this.context = context;
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        LOG.info("Baton container service active in {} {}", system.getSymbolicName(), system.getVersion());
    }

    @Override
    public ContainerStatus status() {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        ContainerStatus status = new ContainerStatus();
        status.framework = system.getSymbolicName();
        status.frameworkVersion = system.getVersion().toString();
        status.timestamp = System.currentTimeMillis();
        Bundle[] bundles = context.getBundles();
        Arrays.sort(bundles, Comparator.comparingLong(Bundle::getBundleId));
        List<BundleInfo> infos = new ArrayList<>(bundles.length);
        for (Bundle b : bundles) {
            infos.add(info(b));
        }
        status.bundles = infos;
        return status;
    }

    static BundleInfo info(Bundle b) {
        BundleInfo info = new BundleInfo();
        info.id = b.getBundleId();
        info.symbolicName = b.getSymbolicName();
        info.version = b.getVersion().toString();
        info.state = BundleStates.name(b.getState());
        info.location = b.getLocation();
        return info;
    }
}
