package io.baton.container.web.internal.metrics;

import io.baton.container.core.Container;
import io.baton.container.core.spi.Engine;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.web.internal.Web;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * {@code GET /baton/metrics}: Baton's metrics for Prometheus (text format 0.0.4), or OpenMetrics when the
 * scraper asks for {@code application/openmetrics-text}. Behind the same token as everything under
 * {@value Web#CONTEXT_PATH} (Prometheus: {@code authorization: {credentials_file: <home>/ctl.token}}).
 * It also counts Baton's swap and lifecycle events into the metrics it serves.
 */
@Component(service = {Servlet.class, EventHandler.class}, property = {
        "osgi.http.whiteboard.servlet.pattern=/metrics",
        "osgi.http.whiteboard.servlet.name=baton-metrics",
        Web.SELECT,
        EventConstants.EVENT_TOPIC + "=io/baton/swap/*",
        EventConstants.EVENT_TOPIC + "=io/baton/lifecycle/*"})
public final class MetricsServlet extends HttpServlet implements EventHandler {
    private static final long serialVersionUID = 1L;
    private static final PrometheusTextFormatWriter PROMETHEUS = new PrometheusTextFormatWriter(false);
    private static final OpenMetricsTextFormatWriter OPEN_METRICS = new OpenMetricsTextFormatWriter(false, false);

    private final transient PrometheusRegistry registry = new PrometheusRegistry();
    private final transient SwapMetrics swaps;

    @Activate
    public MetricsServlet(@Reference Engine engine, @Reference Lifecycle lifecycle, @Reference Container container) {
        this.swaps = new SwapMetrics(registry);
        registry.register(new FacadeCollector(engine, lifecycle, container));
    }

    @Override
    public void handleEvent(Event event) {
        swaps.observe(event);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean openMetrics = OPEN_METRICS.accepts(request.getHeader("Accept"));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(openMetrics ? OpenMetricsTextFormatWriter.CONTENT_TYPE : PrometheusTextFormatWriter.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        (openMetrics ? OPEN_METRICS : PROMETHEUS).write(response.getOutputStream(), registry.scrape());
    }
}
