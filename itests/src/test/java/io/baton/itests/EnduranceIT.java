package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.SwapRequest;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.RecordState;
import io.baton.container.rollback.SwapRecord;
import io.baton.example.cart.api.CartService;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/** 200 swap + rollback cycles in one container: nothing piles up. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EnduranceIT extends SwapTestSupport {
    private static final int CYCLES = 200;

    @Inject
    Lifecycle lifecycle;

    @Test
    public void twoHundredSwapAndRollbackCyclesLeaveNoBundleClassLoaderOrThreadBehind() throws Exception {
        deploy(jar("example.cart.impl.v2"));
        CartService cart = service(CartService.class, "");
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        int threadsAfterWarmUp = 0;

        for (int i = 1; i <= CYCLES; i++) {
            cart.add("c", "x", 1);
            SwapRequest r = request(jar("example.cart.impl.v3"));
            r.probationMillis = 600_000;
            assertSwapped(container.swap(r));
            if (i <= 10) {
                Bundle trial = context.getBundle(container.managed().stream()
                        .filter(b -> b.symbolicName.equals("io.baton.example.cart.impl")).findFirst().get().id);
                loaders.add(new WeakReference<>(trial.adapt(BundleWiring.class).getClassLoader()));
            }
            cart.add("c", "x", 1);
            SwapRecord rollback = lifecycle.rollback();
            assertEquals("cycle " + i + ": " + rollback.failure, RecordState.DONE, rollback.state);
            if (i == 5) {
                threadsAfterWarmUp = Thread.activeCount();
            }
        }

        assertEquals("every acknowledged write, across 400 migrations", Map.of("x", 2 * CYCLES), cart.lines("c"));
        FrameworkWiring fw = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        assertEquals("no bundle left removal-pending", List.of(), new ArrayList<>(fw.getRemovalPendingBundles()));
        long carts = java.util.Arrays.stream(context.getBundles()).filter(b -> "io.baton.example.cart.impl".equals(b.getSymbolicName())).count();
        assertEquals("one cart bundle installed", 1, carts);
        for (int attempt = 0; attempt < 20 && loaders.stream().anyMatch(w -> w.get() != null); attempt++) {
            System.gc();
            Thread.sleep(100);
        }
        long alive = loaders.stream().filter(w -> w.get() != null).count();
        assertEquals("class loaders of the swapped-out versions collected", 0, alive);
        int threads = Thread.activeCount();
        assertTrue("threads stable: " + threadsAfterWarmUp + " -> " + threads, threads <= threadsAfterWarmUp + 3);
        assertTrue("checkpoints are pruned: " + lifecycle.checkpoints().size(), lifecycle.checkpoints().size() <= 5);
    }
}
