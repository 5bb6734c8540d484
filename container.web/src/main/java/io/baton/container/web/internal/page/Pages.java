package io.baton.container.web.internal.page;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The two HTML pages, read once from the bundle: the dashboard and the login form. */
public final class Pages {
    private static final String LOGIN = read("web/login.html");
    private static final String DASHBOARD = read("web/dashboard.html");

    private Pages() {}

    /** Writes the login form with a message (escaped) above it. */
    public static void login(HttpServletResponse response, int status, String message) throws IOException {
        html(response, status, LOGIN.replace("{{message}}", escape(message)));
    }

    public static void dashboard(HttpServletResponse response) throws IOException {
        html(response, HttpServletResponse.SC_OK, DASHBOARD);
    }

    /** @return true if the request is a browser's navigation (it accepts HTML), not a script's call */
    public static boolean wantsHtml(String accept) {
        return accept != null && accept.contains("text/html");
    }

    private static void html(HttpServletResponse response, int status, String page) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        // the pages load only the bundle's own scripts: no inline script, nothing from elsewhere
        response.setHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
        response.setHeader("X-Frame-Options", "DENY");
        response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String read(String name) {
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The bundle has no " + name + ": a broken build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name + " from the bundle", e);
        }
    }
}
