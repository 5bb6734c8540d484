package io.baton.example.cart.state.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class MigrationsTest {
    private static final long NOW = 1_767_225_600_000L;

    @Test
    public void oneToTwoCountsUnitsAndTwoToOneExpandsThemInSkuOrder() {
        Map<String, Object> v1 = units("c2", "b", "c1", "b", "c1", "a", "c1", "b");

        Map<String, Object> v2 = Migrations.oneToTwo(v1);
        assertEquals(Map.of("carts", Map.of("c1", Map.of("a", 1, "b", 2), "c2", Map.of("b", 1))), v2);

        assertEquals(units("c1", "a", "c1", "b", "c1", "b", "c2", "b"), Migrations.twoToOne(v2));
        assertEquals(v2, Migrations.oneToTwo(Migrations.twoToOne(v2)));
    }

    @Test
    public void twoToThreeStampsLinesAndThreeToTwoDropsTheStamps() {
        Map<String, Object> v2 = Map.of("carts", Map.of("c1", Map.of("b", 2, "a", 3)));

        Map<String, Object> v3 = Migrations.twoToThree(v2, NOW);
        assertEquals(Map.of("carts", Map.of("c1", List.of(
                Map.of("sku", "a", "qty", 3, "changed", NOW),
                Map.of("sku", "b", "qty", 2, "changed", NOW)))), v3);
        Object changed = ((Map<?, ?>) ((List<?>) ((Map<?, ?>) v3.get("carts")).get("c1")).get(0)).get("changed");
        assertEquals(Long.class, changed.getClass());

        assertEquals(v2, Migrations.threeToTwo(v3));
    }

    @Test
    public void oneToThreeAndBackThroughTwo() {
        Map<String, Object> v1 = units("c1", "a", "c1", "a");
        Map<String, Object> v3 = Migrations.twoToThree(Migrations.oneToTwo(v1), NOW);
        assertEquals(v1, Migrations.twoToOne(Migrations.threeToTwo(v3)));
    }

    @Test
    public void emptyStatesMigrateToEmptyStates() {
        Map<String, Object> v1 = Map.of("units", List.of());
        Map<String, Object> v2 = Map.of("carts", Map.of());
        Map<String, Object> v3 = Map.of("carts", Map.of());
        assertEquals(v2, Migrations.oneToTwo(v1));
        assertEquals(v1, Migrations.twoToOne(v2));
        assertEquals(v3, Migrations.twoToThree(v2, NOW));
        assertEquals(v2, Migrations.threeToTwo(v3));
    }

    @Test
    public void emptyCartsAreDropped() {
        assertEquals(Map.of("carts", Map.of()), Migrations.twoToThree(Map.of("carts", Map.of("c1", Map.of())), NOW));
        assertEquals(Map.of("carts", Map.of()), Migrations.threeToTwo(Map.of("carts", Map.of("c1", List.of()))));
    }

    @Test
    public void inputIsNotModifiedAndOutputIsFreshAndMutable() {
        Map<String, Object> lines = new HashMap<>(Map.of("a", 2));
        Map<String, Object> carts = new HashMap<>(Map.of("c1", lines));
        Map<String, Object> v2 = new HashMap<>(Map.of("carts", carts));

        Map<String, Object> v1 = Migrations.twoToOne(v2);
        Map<String, Object> back = Migrations.oneToTwo(v1);
        assertEquals(Map.of("carts", Map.of("c1", Map.of("a", 2))), v2);
        assertNotSame(v2, back);
        assertNotSame(lines, ((Map<?, ?>) back.get("carts")).get("c1"));

        @SuppressWarnings("unchecked")
        Map<String, Object> backCarts = (Map<String, Object>) back.get("carts");
        backCarts.clear();
        assertEquals(Map.of("a", 2), lines);
    }

    @Test
    public void malformedInputIsRefusedWithThePath() {
        assertMalformed("state.units is missing", () -> Migrations.oneToTwo(Map.of("carts", Map.of())));
        assertMalformed("state.units[0].sku", () -> Migrations.oneToTwo(Map.of("units", List.of(Map.of("cart", "c1")))));
        assertMalformed("state.units must be a List", () -> Migrations.oneToTwo(Map.of("units", "c1")));
        assertMalformed("state.carts is missing", () -> Migrations.twoToOne(Map.of("units", List.of())));
        assertMalformed("state.carts.c1.a must be a quantity", () -> Migrations.twoToOne(Map.of("carts", Map.of("c1", Map.of("a", -1)))));
        assertMalformed("state.carts.c1.a must be a whole number", () -> Migrations.twoToThree(Map.of("carts", Map.of("c1", Map.of("a", 1.5))), NOW));
        assertMalformed("state.carts.c1 must be a List", () -> Migrations.threeToTwo(Map.of("carts", Map.of("c1", Map.of("a", 1)))));
        assertMalformed("state.carts.c1[0].changed is missing",
                () -> Migrations.threeToTwo(Map.of("carts", Map.of("c1", List.of(Map.of("sku", "a", "qty", 1))))));
        assertMalformed("repeats sku 'a'", () -> Migrations.threeToTwo(Map.of("carts", Map.of("c1", List.of(
                Map.of("sku", "a", "qty", 1, "changed", NOW), Map.of("sku", "a", "qty", 2, "changed", NOW))))));
        assertMalformed("state must be a Map, was null", () -> Migrations.threeToTwo(null));
    }

    @Test
    public void twoToOneRefusesMoreUnitsThanSchemaOneHolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Migrations.twoToOne(Map.of("carts", Map.of("c1", Map.of("a", Schema1.MAX_UNITS + 1)))));
        assertTrue(e.getMessage(), e.getMessage().contains("at most " + Schema1.MAX_UNITS));
    }

    private static void assertMalformed(String expected, org.junit.function.ThrowingRunnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage(), e.getMessage().contains(expected));
    }

    /** A schema 1 state of (cart, sku) pairs. */
    static Map<String, Object> units(String... cartSku) {
        List<Object> units = new ArrayList<>();
        for (int i = 0; i < cartSku.length; i += 2) {
            units.add(Map.of("cart", cartSku[i], "sku", cartSku[i + 1]));
        }
        return Map.of("units", units);
    }
}
