package io.baton.container.web.internal.auth;

import io.baton.container.web.internal.Json;
import io.baton.container.web.internal.Web;
import io.baton.container.web.internal.page.Pages;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's servlet context ({@value Web#CONTEXT_PATH}) and its guard: every request into it, servlets and
 * resources alike, must carry the token (see {@link Credentials}), except the login form itself.
 * Refused: 401 with the login form for a browser opening a page, else {@code {"error", "status": 401}};
 * nothing behind the guard runs.
 */
@Component(service = ServletContextHelper.class, property = {
        "osgi.http.whiteboard.context.name=" + Web.CONTEXT_NAME,
        "osgi.http.whiteboard.context.path=" + Web.CONTEXT_PATH})
public final class BatonContext extends ServletContextHelper {
    private static final Logger LOG = LoggerFactory.getLogger(BatonContext.class);
    /** Paths (below the context) that need no token: the login form and logging out. */
    static final String LOGIN = "/login";
    static final String LOGOUT = "/logout";

    private final TokenFile token;

    @Activate
    public BatonContext(BundleContext context) {
        super(context.getBundle());
        this.token = TokenFile.configured(context);
        if (token.path() == null) {
            LOG.info("No framework property {}: the dashboard, the REST API and the metrics refuse every request", Web.TOKEN_FILE_PROPERTY);
        } else {
            LOG.info("Dashboard, REST API and metrics under {} open with the token in {}", Web.CONTEXT_PATH, token.path());
        }
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(LOGIN) || path.equals(LOGOUT)) {
            return true;
        }
        if (path.isEmpty()) {
            // the pages' links are relative to /baton/: without the slash they would point elsewhere
            response.sendRedirect(Web.CONTEXT_PATH + "/");
            return false;
        }
        Credentials.Verdict verdict = Credentials.check(token.token().orElse(null), request.getHeader("Authorization"), cookie(request));
        if (verdict == Credentials.Verdict.OK) {
            return true;
        }
        String reason = reason(verdict);
        if (verdict == Credentials.Verdict.WRONG) {
            LOG.warn("{} {} from {} refused: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(), reason);
        } else {
            LOG.debug("{} {} from {} refused: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(), reason);
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"baton\"");
        if (request.getMethod().equals("GET") && path.equals("/") && Pages.wantsHtml(request.getHeader("Accept"))) {
            Pages.login(response, HttpServletResponse.SC_UNAUTHORIZED, verdict == Credentials.Verdict.MISSING ? "" : reason);
        } else {
            Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, reason);
        }
        response.flushBuffer(); // committed: the whiteboard must not replace it with its own 403
        return false;
    }

    String reason(Credentials.Verdict verdict) {
        switch (verdict) {
            case NO_TOKEN:
                return token.path() == null
                        ? "this container has no token (framework property " + Web.TOKEN_FILE_PROPERTY + " unset); start it with baton.jar run"
                        : "this container's token file " + token.path() + " is missing or empty";
            case MISSING:
                return "missing token: log in, or send 'Authorization: Bearer <token>' (the token is in <home>/ctl.token)";
            default:
                return "wrong token (expected the one in <home>/ctl.token)";
        }
    }

    static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (Credentials.COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
