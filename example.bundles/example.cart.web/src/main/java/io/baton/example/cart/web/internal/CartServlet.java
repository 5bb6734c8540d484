package io.baton.example.cart.web.internal;

import io.baton.example.cart.api.CartService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cart's HTTP front on the OSGi servlet whiteboard:
 *
 * <pre>
 * GET    /carts                       {"carts": ["c1", ...]}
 * GET    /carts/{id}                  {"cart": "c1", "lines": {"sku": qty, ...}}   404 for a cart without lines
 * POST   /carts/{id}/items            body {"sku": "a", "qty": 2} -> {"cart": "c1", "sku": "a", "qty": 5}
 * DELETE /carts/{id}/items/{sku}?qty=1                             -> {"cart": "c1", "sku": "a", "qty": 4}
 * </pre>
 *
 * <p>Bad input is a 4xx with {@code {"error": "..."}}, a failing cart a 500 with the same shape; no stack
 * trace ever reaches a client. The static, mandatory reference to {@link CartService} binds to Baton's
 * facade, so a swap of the cart never deactivates this component: every response carries the
 * {@value #INSTANCE_HEADER} header (this activation's id) so that clients and tests can see it.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/carts",
        "osgi.http.whiteboard.servlet.pattern=/carts/*",
        "osgi.http.whiteboard.servlet.name=baton-example-cart"})
public final class CartServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CartServlet.class);
    /** Response header naming this component activation; it changes only if the component restarts. */
    public static final String INSTANCE_HEADER = "X-Cart-Web-Instance";

    private final transient CartService carts;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong failures = new AtomicLong();

    @Activate
    public CartServlet(@Reference CartService carts) {
        this.carts = carts;
        LOG.info("Cart web front {} active since {}", instance, Instant.now());
    }

    @Deactivate
    void deactivate() {
        LOG.info("Cart web front {} deactivated ({} cart failures answered with 500)", instance, failures.get());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader(INSTANCE_HEADER, instance);
        Reply reply;
        try {
            reply = route(req.getMethod(), CartPath.parse(req.getPathInfo()), req);
        } catch (BadRequest e) {
            reply = Reply.error(e.status, e.getMessage());
        } catch (IllegalArgumentException e) {
            // the cart's own validation (blank id, qty < 1): the client's fault
            reply = Reply.error(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            long n = failures.incrementAndGet();
            if (n == 1 || n % 1000 == 0) { // a failing release fails often: say so, without flooding the log
                LOG.warn("{} {} failed ({} cart failures so far): {}", req.getMethod(), req.getRequestURI(), n, e.toString());
            }
            reply = Reply.error(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "the cart failed: " + e.getMessage());
        }
        reply.write(resp);
    }

    private Reply route(String method, CartPath path, HttpServletRequest req) throws IOException {
        switch (path.kind()) {
            case CARTS:
                requireMethod(method, "GET");
                return Reply.ok(Map.of("carts", carts.carts()));
            case CART: {
                requireMethod(method, "GET");
                Map<String, Integer> lines = carts.lines(path.cart());
                if (lines.isEmpty()) {
                    throw new BadRequest(HttpServletResponse.SC_NOT_FOUND, "unknown cart '" + path.cart() + "' (a cart exists while it has lines)");
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("cart", path.cart());
                body.put("lines", lines);
                return Reply.ok(body);
            }
            case ITEMS: {
                requireMethod(method, "POST");
                AddItem add = AddItem.parse(req.getInputStream());
                return line(path.cart(), add.sku(), carts.add(path.cart(), add.sku(), add.qty()));
            }
            case ITEM: {
                requireMethod(method, "DELETE");
                int qty = Quantity.parse("qty", req.getParameter("qty"), 1);
                return line(path.cart(), path.sku(), carts.remove(path.cart(), path.sku(), qty));
            }
            default:
                throw new IllegalStateException("unrouted path " + path);
        }
    }

    private static Reply line(String cart, String sku, int qty) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cart", cart);
        body.put("sku", sku);
        body.put("qty", qty);
        return Reply.ok(body);
    }

    private static void requireMethod(String method, String expected) {
        if (!expected.equals(method)) {
            throw new BadRequest(HttpServletResponse.SC_METHOD_NOT_ALLOWED, method + " is not allowed here; use " + expected);
        }
    }
}
