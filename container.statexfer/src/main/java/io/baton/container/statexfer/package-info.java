/**
 * State transfer: snapshots of a component's state as plain data, and the migrator SPI that carries a
 * snapshot from one schema version to another, up for a swap and down for a rollback; since 1.2 the
 * keyed state SPI ({@link io.baton.container.statexfer.KeyedState},
 * {@link io.baton.container.statexfer.EntryMigrator}, {@link io.baton.container.statexfer.ChangeTracker})
 * with which Baton pre-copies state while the old version serves.
 *
 * <p>Consumers (bundles implementing the {@code @ConsumerType} interfaces) import {@code [1.2,2)} when
 * they use the keyed SPI, {@code [1.0,2)} otherwise; providers of {@code StateTransfer} import {@code [1.2,1.3)}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.baton.container.statexfer;
