package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.MigrationInfo;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.SwapRecord;
import io.baton.example.cart.api.CartService;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every version of the example cart and every migrator, in both directions: 1 -> 2 -> 3 -> 2 -> 1,
 * then 1 -> 3 and 3 -> 1 in one swap each (chains of two migrators). After every swap the cart holds
 * exactly what was written before it, and the new version takes writes of its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CartVersionsIT extends SwapTestSupport {

    @Inject
    private Lifecycle lifecycle;

    private final Map<String, Map<String, Integer>> expected = new TreeMap<>();

    @Test
    public void everyVersionAndEveryMigratorUpAndDownKeepEveryWrite() throws Exception {
        deploy(jar("example.cart.impl.v1"));
        CartService cart = service(CartService.class, "");
        write(cart, "c1", "apple", 3);
        write(cart, "c1", "bread", 1);
        write(cart, "c2", "apple", 2);
        check(cart);

        step(cart, "example.cart.impl.v2", "2.0.0", List.of("1->2"));
        step(cart, "example.cart.impl.v3", "3.0.0", List.of("2->3"));
        step(cart, "example.cart.impl.v2", "2.0.0", List.of("3->2"));
        step(cart, "example.cart.impl.v1", "1.0.0", List.of("2->1"));
        step(cart, "example.cart.impl.v3", "3.0.0", List.of("1->2", "2->3"));
        step(cart, "example.cart.impl.v1", "1.0.0", List.of("3->2", "2->1"));

        // removes go through the versions too
        int left = expected.get("c1").get("apple") - 2;
        assertEquals(left, cart.remove("c1", "apple", 2));
        expected.get("c1").put("apple", left);
        step(cart, "example.cart.impl.v2", "2.0.0", List.of("1->2"));
    }

    /** Swap to {@code artifact}, commit, and check the migration chain, the state, and a new write. */
    private void step(CartService cart, String artifact, String version, List<String> chain) throws Exception {
        SwapRequest request = request(jar(artifact));
        request.probationMillis = 60_000;
        SwapReport report = container.swap(request);
        assertSwapped(report);
        assertEquals(version, reference(CartService.class, null).getProperty("baton.facade.version"));
        assertEquals(report.migrations.toString(), 1, report.migrations.size());
        MigrationInfo m = report.migrations.get(0);
        assertEquals("cart", m.stateType);
        assertEquals("migration chain to " + version, chain, m.chain);
        SwapRecord committed = lifecycle.commit();
        assertNull(committed.failure, lifecycle.trial());
        check(cart);
        write(cart, "c-" + version, "sku-" + chain.size(), 1);
        write(cart, "c1", "apple", 1);
        check(cart);
    }

    private void write(CartService cart, String id, String sku, int qty) {
        int now = cart.add(id, sku, qty);
        int want = expected.computeIfAbsent(id, k -> new TreeMap<>()).merge(sku, qty, Integer::sum);
        assertEquals(id + " " + sku, want, now);
    }

    private void check(CartService cart) {
        for (Map.Entry<String, Map<String, Integer>> e : expected.entrySet()) {
            assertEquals("cart " + e.getKey(), e.getValue(), cart.lines(e.getKey()));
        }
        assertTrue(cart.carts().containsAll(expected.keySet()));
    }
}
