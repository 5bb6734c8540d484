package io.baton.fleet.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.EnumSet;
import org.junit.Test;

/** The rollout state machine: exactly the transitions of its table, nothing else. */
public class RolloutStateTest {

    @Test
    public void theTableAllowsItsTransitions() {
        assertEquals(RolloutState.RUNNING, RolloutState.VALIDATING.to(RolloutState.RUNNING));
        assertEquals(RolloutState.REFUSED, RolloutState.VALIDATING.to(RolloutState.REFUSED));
        assertEquals(RolloutState.PAUSED, RolloutState.RUNNING.to(RolloutState.PAUSED));
        assertEquals(RolloutState.RUNNING, RolloutState.PAUSED.to(RolloutState.RUNNING));
        assertEquals(RolloutState.ABORTING, RolloutState.PAUSED.to(RolloutState.ABORTING));
        assertEquals(RolloutState.COMPLETED, RolloutState.RUNNING.to(RolloutState.COMPLETED));
        assertEquals(RolloutState.ROLLED_BACK, RolloutState.ABORTING.to(RolloutState.ROLLED_BACK));
    }

    @Test
    public void everyOtherMoveIsRejectedNamingTheAllowedOnes() {
        int rejected = 0;
        for (RolloutState from : RolloutState.values()) {
            for (RolloutState to : EnumSet.complementOf(from.next().isEmpty() ? EnumSet.noneOf(RolloutState.class) : EnumSet.copyOf(from.next()))) {
                try {
                    from.to(to);
                    fail(from + " -> " + to + " was allowed");
                } catch (IllegalStateException e) {
                    assertTrue(e.getMessage(), e.getMessage().contains(from.name()) && e.getMessage().contains(to.name()));
                    rejected++;
                }
            }
        }
        assertTrue(rejected > 50);
    }

    @Test
    public void terminalStatesGoNowhere() {
        for (RolloutState s : EnumSet.of(RolloutState.COMPLETED, RolloutState.ROLLED_BACK, RolloutState.REFUSED, RolloutState.ROLLBACK_FAILED)) {
            assertTrue(s.terminal());
        }
        assertEquals(EnumSet.of(RolloutState.RUNNING, RolloutState.REFUSED, RolloutState.ABORTING), RolloutState.VALIDATING.next());
    }
}
