package io.baton.example.cart.state.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.baton.container.statexfer.ChangeTracker;
import io.baton.container.statexfer.KeyedState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.Test;

/**
 * The carts' keyed view: migrating line by line gives what the whole-state migrations give, the
 * checksum follows the writes, and the change report names what changed.
 */
public class KeyedCartsTest {

    private static QuantityCarts filled(long seed) {
        QuantityCarts carts = new QuantityCarts();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 300; i++) {
            carts.add("c" + random.nextInt(20), "s" + random.nextInt(15), 1 + random.nextInt(5));
            if (random.nextInt(4) == 0) {
                carts.remove("c" + random.nextInt(20), "s" + random.nextInt(15), 1 + random.nextInt(5));
            }
        }
        return carts;
    }

    /** What Baton's copy does, without Baton: every entry through {@code migrate} into {@code target}. */
    static void copy(KeyedState source, KeyedState target, BiFunction<String, Object, Object> migrate) {
        Map<String, Object> entries = new HashMap<>();
        for (String key : source.keys()) {
            entries.put(key, migrate.apply(key, source.entry(key)));
        }
        target.putEntries(entries);
    }

    static long sum(KeyedState state) {
        long sum = 0;
        for (String key : state.keys()) {
            sum += ChangeTracker.hash(key, state.entry(key));
        }
        return sum;
    }

    @Test
    public void lineByLineTwoToThreeAndBackIsTheWholeStateMigration() {
        QuantityCarts two = filled(1);
        TimedCarts three = new TimedCarts(() -> 1767225600000L);
        copy(two, three, (k, v) -> Entries.twoToThree(k, v, 1767225600000L));
        assertEquals(Migrations.twoToThree(two.exportState(), 1767225600000L), three.exportState());

        QuantityCarts back = new QuantityCarts();
        copy(three, back, Entries::threeToTwo);
        assertEquals(two.exportState(), back.exportState());
        assertEquals("the checksums follow the entries", sum(two), two.checksum());
        assertEquals(sum(back), back.checksum());
        assertEquals(two.checksum(), back.checksum());
    }

    @Test
    public void theChangeReportNamesEachLineWrittenOrRemovedAfterTheMark() {
        QuantityCarts carts = filled(3);
        carts.add("x", "a", 1);
        long mark = carts.mark();
        carts.add("x", "a", 2);
        carts.add("y", "b", 1);
        carts.remove("y", "b", 1);
        assertEquals(List.of(LineKey.of("x", "a"), LineKey.of("y", "b")), new ArrayList<>(carts.changedSince(mark)));
        assertEquals(null, carts.entry(LineKey.of("y", "b")));
        assertEquals(3, carts.entry(LineKey.of("x", "a")));
        assertEquals(sum(carts), carts.checksum());
    }

    @Test
    public void badEntriesAreRefusedBeforeAnythingChanges() {
        QuantityCarts carts = filled(4);
        Map<String, Object> before = carts.exportState();
        Map<String, Object> batch = new TreeMap<>();
        batch.put(LineKey.of("ok", "a"), 2);
        batch.put(LineKey.of("bad", "a"), 0);
        assertThrows(IllegalArgumentException.class, () -> carts.putEntries(batch));
        assertEquals(before, carts.exportState());
        assertEquals("Cart line key 'nonsense' is malformed; expected <length of cart id>:<cart id><sku>",
                assertThrows(IllegalArgumentException.class, () -> LineKey.parse("nonsense")).getMessage());
        assertEquals(List.of("c:1", "x|y"), List.of(LineKey.parse(LineKey.of("c:1", "x|y"))));
    }
}
