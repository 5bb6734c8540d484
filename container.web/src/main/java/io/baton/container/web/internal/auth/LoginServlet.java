package io.baton.container.web.internal.auth;

import io.baton.container.web.internal.Web;
import io.baton.container.web.internal.page.Pages;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /baton/login}: the form; {@code POST /baton/login} with {@code token=...}: the session cookie
 * (HttpOnly, SameSite=Strict, path {@value Web#CONTEXT_PATH}) and a redirect to the dashboard, or 401 and
 * the form again; {@code POST /baton/logout}: the cookie is dropped.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + BatonContext.LOGIN,
        "osgi.http.whiteboard.servlet.pattern=" + BatonContext.LOGOUT,
        "osgi.http.whiteboard.servlet.name=baton-login",
        Web.SELECT})
public final class LoginServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LoginServlet.class);

    private final transient TokenFile token;

    @Activate
    public LoginServlet(BundleContext context) {
        this.token = TokenFile.configured(context);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Pages.login(response, HttpServletResponse.SC_OK, "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().equals(BatonContext.LOGOUT)) {
            response.addHeader("Set-Cookie", cookie("", 0));
            response.sendRedirect(Web.CONTEXT_PATH + BatonContext.LOGIN);
            return;
        }
        Optional<String> expected = token.token();
        String presented = request.getParameter("token");
        if (expected.isEmpty()) {
            Pages.login(response, HttpServletResponse.SC_UNAUTHORIZED, "This container has no token: start it with baton.jar run");
        } else if (presented == null || presented.isBlank() || !Credentials.same(presented.strip(), expected.get())) {
            LOG.warn("Login from {} refused: {}", request.getRemoteAddr(), presented == null || presented.isBlank() ? "no token" : "wrong token");
            Pages.login(response, HttpServletResponse.SC_UNAUTHORIZED, "Wrong token: use the one in <home>/ctl.token");
        } else {
            LOG.info("Dashboard login from {}", request.getRemoteAddr());
            response.addHeader("Set-Cookie", cookie(Credentials.sessionValue(expected.get()), -1));
            response.sendRedirect(Web.CONTEXT_PATH + "/");
        }
    }

    /** Servlet 5's Cookie has no SameSite: the header is written here. */
    static String cookie(String value, int maxAge) {
        return Credentials.COOKIE + "=" + value + "; Path=" + Web.CONTEXT_PATH + "; HttpOnly; SameSite=Strict" + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }
}
