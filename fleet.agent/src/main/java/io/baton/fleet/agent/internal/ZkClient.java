package io.baton.fleet.agent.internal;

import io.baton.fleet.agent.FleetConfig;
import io.baton.fleet.agent.FleetException.FleetUsageException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Curator client on the fleet: bounded first connection, the fleet's ACL on every znode it
 * creates, the fleet's layout made if missing, and no leaked thread on close (Curator's run-safe
 * executor is our own and is shut down after the client, see TOOLCHAIN.md trap 2).
 */
public final class ZkClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZkClient.class);

    private final CuratorFramework curator;
    private final ExecutorService runSafe;
    private final FleetPaths paths;
    private final List<ACL> acl;

    private ZkClient(CuratorFramework curator, ExecutorService runSafe, FleetPaths paths, List<ACL> acl) {
        this.curator = curator;
        this.runSafe = runSafe;
        this.paths = paths;
        this.acl = acl;
    }

    /**
     * Connects and makes sure the fleet's layout exists and is readable and writable with these credentials.
     *
     * @throws FleetUsageException if no server answers within the connect timeout, or the path belongs to another ACL
     */
    public static ZkClient connect(FleetConfig config) {
        List<ACL> acl = acl(config.digest());
        ExecutorService runSafe = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fleet-curator-safe");
            t.setDaemon(true);
            return t;
        });
        ZKClientConfig clientConfig = new ZKClientConfig();
        config.clientProperties().forEach(clientConfig::setProperty);
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(config.connectString())
                .sessionTimeoutMs((int) config.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) Math.min(config.connectTimeout().toMillis(), config.sessionTimeout().toMillis()))
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
                .zkClientConfig(clientConfig)
                .runSafeService(runSafe)
                .ensembleTracker(!config.pinServers())
                .aclProvider(new FixedAcl(acl));
        if (config.digest() != null) {
            builder.authorization("digest", config.digest().getBytes(StandardCharsets.UTF_8));
        } else {
            LOG.warn("Fleet {} has no digest credentials: its znodes get an open ACL (anyone who reaches ZooKeeper can change them)",
                    config.path());
        }
        CuratorFramework curator = builder.build();
        ZkClient client = new ZkClient(curator, runSafe, new FleetPaths(config.path()), acl);
        try {
            curator.start();
            if (!curator.blockUntilConnected((int) config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new FleetUsageException("No ZooKeeper server answered at " + config.connectString() + " within "
                        + config.connectTimeout().toMillis() + " ms (check --fleet and that the ensemble is up)", null);
            }
            client.ensureLayout();
            return client;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new FleetUsageException("Interrupted while connecting to " + config.connectString(), e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private void ensureLayout() {
        for (String path : paths.layout()) {
            try {
                if (curator.checkExists().forPath(path) == null) {
                    curator.create().creatingParentsIfNeeded().withACL(acl).forPath(path, new byte[0]);
                }
                // Reading and re-setting nothing proves READ and WRITE under this ACL before anything else runs.
                curator.getData().forPath(path);
            } catch (KeeperException.NodeExistsException e) {
                // another process made it first: fine
            } catch (KeeperException.NoAuthException e) {
                throw new FleetUsageException("The fleet path " + path + " is protected by a ZooKeeper ACL that "
                        + (acl == ZooDefs.Ids.OPEN_ACL_UNSAFE ? "these (no) credentials" : "the given credentials")
                        + " do not satisfy; give the fleet's user:password (--fleet-auth-file), or choose another --fleet-path", e);
            } catch (Exception e) {
                throw new FleetUsageException("Cannot prepare the fleet path " + path + ": " + e, e);
            }
        }
        try {
            curator.setData().forPath(paths.epoch(), curator.getData().forPath(paths.epoch()));
        } catch (KeeperException.NoAuthException e) {
            throw new FleetUsageException("The fleet path " + paths.root() + " can be read but not written with these credentials"
                    + " (its ACL belongs to another identity); give the fleet's user:password", e);
        } catch (Exception e) {
            throw new FleetUsageException("Cannot write under the fleet path " + paths.root() + ": " + e, e);
        }
    }

    static List<ACL> acl(String digest) {
        if (digest == null) {
            return ZooDefs.Ids.OPEN_ACL_UNSAFE;
        }
        try {
            // a mutable list: ZooKeeper asks it contains(null), which List.of answers with a NullPointerException
            return new java.util.ArrayList<>(List.of(new ACL(ZooDefs.Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest(digest)))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No SHA-1 for ZooKeeper digests", e);
        }
    }

    public CuratorFramework curator() {
        return curator;
    }

    public FleetPaths paths() {
        return paths;
    }

    public List<ACL> acl() {
        return acl;
    }

    @Override
    public void close() {
        try {
            curator.close();
        } finally {
            runSafe.shutdownNow();
            try {
                runSafe.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every znode Curator creates for the fleet (recipes included) gets the fleet's ACL. */
    private static final class FixedAcl implements ACLProvider {
        private final List<ACL> acl;

        FixedAcl(List<ACL> acl) {
            this.acl = acl;
        }

        @Override
        public List<ACL> getDefaultAcl() {
            return acl;
        }

        @Override
        public List<ACL> getAclForPath(String path) {
            return acl;
        }
    }
}
