/**
 * State transfer: snapshots of a component's state as plain data, and the migrator SPI that carries a
 * snapshot from one schema version to another, up for a swap and down for a rollback.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.baton.container.statexfer;
