package io.baton.container.web.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.container.core.Container;
import io.baton.container.core.SwapInProgressException;
import io.baton.container.core.SwapRequest;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.statexfer.StateTransfer;
import io.baton.container.web.internal.Json;
import io.baton.container.web.internal.Web;
import io.baton.container.web.internal.live.LiveData;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /baton/api/}, thin over the services the shell uses ({@code Container},
 * {@code Lifecycle}, {@code StateTransfer}) and the sampled call counts ({@link LiveData}):
 *
 * <pre>
 * GET  status  managed  history?n=20  checkpoints  migrators  calls  trial  live?since=&lt;ms&gt;  fleet
 * POST plan {"targets": [...]}   swap {"targets": [...], "probationMillis": ...}   commit   rollback {"checkpoint": "cp-1", "allowRefresh": false}
 * </pre>
 *
 * Every answer is JSON; every error is {@code {"error", "status"}}: 400 bad input, 404 unknown path, 405
 * wrong method, 409 a swap running or nothing in TRIAL, 415 a POST that is not JSON, 500 a failure
 * inside Baton (logged with its stack, answered with its message only); {@code fleet} answers 404 in a
 * container that runs without a fleet agent. POSTs must be
 * {@code application/json}: a cross-site form cannot send that.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=baton-api",
        Web.SELECT})
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    static final String GETS = "status, managed, history, checkpoints, migrators, calls, trial, live, fleet";
    /** The filter of the fleet agent's view, registered by the launcher ({@code baton.jar run --fleet}). */
    static final String FLEET_VIEW = "(baton.view=fleet)";
    static final String POSTS = "plan, swap, commit, rollback";

    private final transient Container container;
    private final transient Lifecycle lifecycle;
    private final transient StateTransfer stateTransfer;
    private final transient LiveData live;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile ConfigurationAdmin configurationAdmin;

    /**
     * The fleet agent lives outside the framework; its view crosses as JSON behind a {@code java.*}
     * type (see the launcher's FleetWiring), so no bundle depends on fleet classes.
     */
    @Reference(service = Supplier.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, target = FLEET_VIEW)
    private transient volatile Supplier<String> fleetView;

    @Activate
    public ApiServlet(@Reference Container container, @Reference Lifecycle lifecycle, @Reference StateTransfer stateTransfer, @Reference LiveData live) {
        this.container = container;
        this.lifecycle = lifecycle;
        this.stateTransfer = stateTransfer;
        this.live = live;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        try {
            Object answer = route(request.getMethod(), path, request);
            Json.write(response, HttpServletResponse.SC_OK, answer);
        } catch (ApiError e) {
            Json.error(response, e.status, e.getMessage());
        } catch (SwapInProgressException e) {
            Json.error(response, HttpServletResponse.SC_CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            Json.error(response, HttpServletResponse.SC_CONFLICT, e.getMessage());
        } catch (UncheckedIOException | IOException e) {
            LOG.warn("{} {} failed", request.getMethod(), request.getRequestURI(), e);
            Json.error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "I/O failure: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
            Json.error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal error: " + e);
        }
    }

    private Object route(String method, String path, HttpServletRequest request) throws IOException {
        switch (path) {
            case "/status":
                get(method, path);
                return Views.status(container, lifecycle);
            case "/managed":
                get(method, path);
                return container.managed();
            case "/history":
                get(method, path);
                return lifecycle.history(count(request.getParameter("n")));
            case "/checkpoints":
                get(method, path);
                return Views.checkpoints(lifecycle);
            case "/migrators":
                get(method, path);
                return Views.migrators(stateTransfer);
            case "/calls":
                get(method, path);
                return Views.calls(live.rows());
            case "/trial":
                get(method, path);
                return trial();
            case "/live":
                get(method, path);
                return live(request.getParameter("since"));
            case "/fleet":
                get(method, path);
                return fleet();
            case "/plan":
                post(method, path, request);
                return container.plan(Bodies.plan(request.getInputStream()));
            case "/swap":
                post(method, path, request);
                return swap(request);
            case "/commit":
                post(method, path, request);
                return lifecycle.commit();
            case "/rollback": {
                post(method, path, request);
                Bodies.Rollback rollback = Bodies.rollback(request.getInputStream());
                return rollback.checkpoint() == null ? lifecycle.rollback() : lifecycle.rollbackTo(rollback.checkpoint(), rollback.allowRefresh());
            }
            default:
                throw new ApiError(HttpServletResponse.SC_NOT_FOUND, "no such resource: " + Web.CONTEXT_PATH + "/api" + path
                        + " (GET " + GETS + "; POST " + POSTS + ")");
        }
    }

    private JsonNode fleet() throws IOException {
        Supplier<String> view = fleetView;
        if (view == null) {
            throw new ApiError(HttpServletResponse.SC_NOT_FOUND, "this container runs without a fleet agent (start it with baton.jar run --fleet ...)");
        }
        return Json.MAPPER.readTree(view.get());
    }

    private Object swap(HttpServletRequest request) throws IOException {
        SwapRequest swap = Bodies.swap(request.getInputStream());
        LOG.info("Swap to {} asked for over HTTP from {}", swap.targets, request.getRemoteAddr());
        return container.swap(swap);
    }

    private TrialView trial() {
        return TrialView.of(lifecycle.trial(), lifecycle.readings(), container.managed(), live.rows(), live, RollbackSettings.read(configurationAdmin),
                System.currentTimeMillis());
    }

    /** Everything the dashboard refreshes each second, in one answer; series only after {@code since} (ms). */
    private Map<String, Object> live(String since) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("now", System.currentTimeMillis());
        view.put("status", Views.status(container, lifecycle));
        view.put("trial", trial());
        view.put("calls", Views.calls(live.rows()));
        view.put("series", live.series(since == null ? 0 : number("since", since)));
        view.put("markers", live.markers());
        view.put("historyVersion", live.markerCount());
        return view;
    }

    private static void get(String method, String path) {
        if (!method.equals("GET")) {
            throw new ApiError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, method + " is not allowed on " + path + "; use GET");
        }
    }

    private static void post(String method, String path, HttpServletRequest request) {
        if (!method.equals("POST")) {
            throw new ApiError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, method + " is not allowed on " + path + "; use POST");
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new ApiError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "POST " + path + " needs Content-Type: application/json, was " + type);
        }
    }

    private static int count(String n) {
        if (n == null) {
            return 20;
        }
        long value = number("n", n);
        if (value < 1 || value > 1000) {
            throw ApiError.badRequest("n must be from 1 to 1000, was " + n);
        }
        return (int) value;
    }

    private static long number(String name, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a whole number, was '" + text + "'");
        }
    }
}
