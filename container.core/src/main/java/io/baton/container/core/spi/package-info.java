/**
 * Baton's SPI: what Baton's own modules (container.rollback, the shell, the fleet agent) need from
 * the swap engine beyond the public {@link io.baton.container.core.Container} API. Applications do
 * not use it.
 *
 * <ul>
 * <li>{@link io.baton.container.core.spi.Engine}: swaps of a given {@link io.baton.container.core.spi.SwapKind}
 * (a rollback carries checkpoint state), call statistics of the facades, crash-recovery state.</li>
 * <li>{@link io.baton.container.core.spi.SwapParticipant}: takes part in every deploy and swap.</li>
 * <li>Shared helpers, written once: {@link io.baton.container.core.spi.ManagedLocation},
 * {@link io.baton.container.core.spi.BundleStates}, {@link io.baton.container.core.spi.ComponentDiagnosis},
 * {@link io.baton.container.core.spi.BundleRemoval}, {@link io.baton.container.core.spi.Failpoint}.</li>
 * </ul>
 *
 * <p>{@code Engine} is {@code @ProviderType} (container.core implements it): consumers import
 * {@code [1.0,2.0)}. {@code SwapParticipant} is {@code @ConsumerType}: its implementors import
 * {@code [1.0,2.0)} as well, and a new method is a major change. 1.1.0 added the latency
 * percentiles and histogram to {@code CallStats}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package io.baton.container.core.spi;
