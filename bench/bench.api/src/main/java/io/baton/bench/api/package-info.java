/** The benchmark's service API, shared by the host and the bench bundles. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.baton.bench.api;
