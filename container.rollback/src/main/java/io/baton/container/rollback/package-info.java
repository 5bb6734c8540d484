/**
 * Checkpoints, the swap journal, the failure monitor and rollback.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package io.baton.container.rollback;
