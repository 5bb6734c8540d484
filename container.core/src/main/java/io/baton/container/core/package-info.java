/**
 * Baton's public container API: the {@link io.baton.container.core.Container} service and its DTOs.
 *
 * <p>Services in this package are {@code @ProviderType}: Baton implements them, applications and hosts
 * only call them. Consumers import with {@code [1.0,2.0)}; a provider would import {@code [1.0,1.1)}.
 *
 * <p>This package is also exported by the system bundle when Baton is started through the launcher
 * (see container.launcher), so a host application shares these exact classes with the bundles.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package io.baton.container.core;
