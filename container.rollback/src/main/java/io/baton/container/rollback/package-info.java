/**
 * Checkpoints, the swap journal, the failure monitor and rollback.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package io.baton.container.rollback;
