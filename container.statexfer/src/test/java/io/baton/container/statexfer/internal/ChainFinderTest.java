package io.baton.container.statexfer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.baton.container.statexfer.MigratorEdge;
import java.util.List;
import org.junit.Test;

public class ChainFinderTest {
    static MigratorEdge e(int from, int to) {
        return new MigratorEdge("cart", from, to, "test");
    }

    final List<MigratorEdge> edges = List.of(e(1, 2), e(2, 1), e(2, 3), e(3, 2), e(1, 3), new MigratorEdge("other", 3, 4, "x"));

    @Test
    public void theShortestChainWins() {
        assertEquals(List.of(e(1, 3)), ChainFinder.find("cart", 1, 3, edges).get());
    }

    @Test
    public void chainsGoUpAndDown() {
        assertEquals(List.of(e(3, 2), e(2, 1)), ChainFinder.find("cart", 3, 1, edges).get());
        assertEquals(List.of(e(1, 2), e(2, 3)), ChainFinder.find("cart", 1, 3, List.of(e(1, 2), e(2, 3))).get());
    }

    @Test
    public void sameVersionNeedsNoMigrator() {
        assertEquals(List.of(), ChainFinder.find("cart", 2, 2, List.of()).get());
    }

    @Test
    public void noChainAcrossTypesOrMissingSteps() {
        assertFalse(ChainFinder.find("cart", 3, 4, edges).isPresent());
        assertFalse(ChainFinder.find("cart", 1, 3, List.of(e(2, 3))).isPresent());
    }
}
