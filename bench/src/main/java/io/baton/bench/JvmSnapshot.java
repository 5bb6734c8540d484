package io.baton.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;

/** What the endurance run compares: the JVM's heap after GC, metaspace, classes and threads. */
final class JvmSnapshot {
    final String when;
    final long heapAfterGc;
    final long metaspace;
    final long loadedClasses;
    final long unloadedClasses;
    final int threads;
    final int bundles;
    final long liveBundleLoaders;

    private JvmSnapshot(String when, int bundles, long liveBundleLoaders) {
        this.when = when;
        this.bundles = bundles;
        this.liveBundleLoaders = liveBundleLoaders;
        fullGc();
        heapAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long meta = -1;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                meta = pool.getUsage().getUsed();
            }
        }
        metaspace = meta;
        loadedClasses = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        unloadedClasses = ManagementFactory.getClassLoadingMXBean().getUnloadedClassCount();
        threads = ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /**
     * @param bundles bundles installed in the framework
     * @param liveBundleLoaders class loaders of swapped-out blob versions still reachable after GC
     */
    static JvmSnapshot take(String when, int bundles, java.util.function.LongSupplier liveBundleLoaders) {
        fullGc();
        return new JvmSnapshot(when, bundles, liveBundleLoaders.getAsLong());
    }

    /** Several full collections (System.gc is a full, class-unloading collection on G1), settled. */
    static void fullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
