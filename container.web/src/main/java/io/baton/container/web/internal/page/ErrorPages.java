package io.baton.container.web.internal.page;

import io.baton.container.web.internal.Json;
import io.baton.container.web.internal.Web;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error in Baton's context that a servlet did not answer itself (an exception that escaped, a
 * status the server set) becomes {@code {"error", "status"}}: the server's own error page would show a
 * stack trace.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.errorPage=4xx",
        "osgi.http.whiteboard.servlet.errorPage=5xx",
        "osgi.http.whiteboard.servlet.errorPage=java.lang.Throwable",
        "osgi.http.whiteboard.servlet.name=baton-errors",
        Web.SELECT})
public final class ErrorPages extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String message;
        if (thrown instanceof Throwable t) {
            LOG.error("{} failed", uri, t);
            message = "internal error: " + t;
        } else {
            Object text = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            message = text == null || text.toString().isBlank() ? "HTTP " + status + " on " + uri : text + " (" + uri + ")";
        }
        Json.error(response, status, message);
    }
}
