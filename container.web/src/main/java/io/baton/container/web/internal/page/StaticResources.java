package io.baton.container.web.internal.page;

import io.baton.container.web.internal.Web;
import org.osgi.service.component.annotations.Component;

/**
 * The dashboard's own scripts and styles ({@code /baton/static/*}, from the bundle's {@code web/static})
 * and the charting libraries embedded from their WebJars ({@code /baton/webjars/*}), served by the
 * whiteboard's resource support behind Baton's guard.
 */
public final class StaticResources {
    private StaticResources() {}

    /** The bundle's {@code web/static/}. */
    @Component(service = Own.class, property = {
            "osgi.http.whiteboard.resource.pattern=/static/*",
            "osgi.http.whiteboard.resource.prefix=/web/static",
            Web.SELECT})
    public static final class Own {}

    /** The bundle's {@code META-INF/resources/webjars/} (Chart.js and its annotation plugin). */
    @Component(service = WebJars.class, property = {
            "osgi.http.whiteboard.resource.pattern=/webjars/*",
            "osgi.http.whiteboard.resource.prefix=/META-INF/resources/webjars",
            Web.SELECT})
    public static final class WebJars {}
}
