/**
 * Embedding API: start a Baton container inside a host application.
 *
 * <pre>{@code
 * try (BatonContainer baton = Baton.builder().home(Path.of("baton-home")).start()) {
 *     Container container = baton.service(Container.class, Duration.ofSeconds(10));
 *     System.out.println(baton.execute("baton:status"));
 * }
 * }</pre>
 *
 * <p>The host shares the {@code io.baton.container.core} package with the bundles through the system
 * packages, so the {@code Container} the host sees is the very class the bundles implement.
 */
package io.baton.container.launcher;
