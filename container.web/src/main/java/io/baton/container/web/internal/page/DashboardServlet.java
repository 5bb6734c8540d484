package io.baton.container.web.internal.page;

import io.baton.container.web.internal.Json;
import io.baton.container.web.internal.Web;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;

/**
 * The dashboard page at {@code /baton/} (the guard has let the request in); any other path of Baton's
 * context that no servlet or resource claims is a JSON 404.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.name=baton-dashboard",
        Web.SELECT})
public final class DashboardServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.isEmpty() && !path.equals("/")) {
            Json.error(response, HttpServletResponse.SC_NOT_FOUND, "no such resource: " + Web.CONTEXT_PATH + path
                    + " (the dashboard is " + Web.CONTEXT_PATH + "/, the API " + Web.CONTEXT_PATH + "/api/, the metrics " + Web.CONTEXT_PATH + "/metrics)");
        } else if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            Json.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, request.getMethod() + " is not allowed on the dashboard; use GET");
        } else {
            Pages.dashboard(response);
        }
    }
}
