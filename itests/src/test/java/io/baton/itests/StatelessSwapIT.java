package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.ServiceChange;
import io.baton.container.core.SwapReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** A stateless service swapped v1 -> v2 while four threads call it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StatelessSwapIT extends SwapTestSupport {

    @Test
    public void swapUnderLoadFailsNoCallAndNeverRestartsTheConsumer() throws Exception {
        // deploy echo 1.0.0 managed, and a plain (unmanaged) DS consumer with a static mandatory reference
        deploy(jar("example.echo"));
        Bundle consumer = context.installBundle(jar("example.echo.consumer").toUri().toString());
        consumer.start();
        @SuppressWarnings("unchecked")
        Supplier<String> consumerService = service(Supplier.class, "(echo.consumer=true)");
        assertEquals("1|1.0.0:ping", consumerService.get());
        ServiceReference<?> facadeBefore = reference(Function.class, "(echo=true)");
        assertEquals("only the facade is visible", Boolean.TRUE, facadeBefore.getProperty("baton.facade"));
        @SuppressWarnings("unchecked")
        Function<String, String> echo = (Function<String, String>) context.getService(facadeBefore);

        // four threads call it in a loop
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        List<Throwable> failures = new ArrayList<>();
        Map<String, AtomicLong> answeredBy = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        String answer = echo.apply("x");
                        answeredBy.computeIfAbsent(answer.substring(0, answer.indexOf(':')), k -> new AtomicLong()).incrementAndGet();
                        calls.incrementAndGet();
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }
            }, "caller-" + i);
            t.start();
            callers.add(t);
        }
        Thread.sleep(200);

        // swap to 2.0.0 under load
        Path v2 = variant("example.echo", "2.0.0");
        SwapReport report = swap(v2);
        Thread.sleep(200);
        running.set(false);
        for (Thread t : callers) {
            t.join(10_000);
        }

        // invariants
        assertSwapped(report);
        assertEquals("no call failed: " + failures, List.of(), failures);
        assertTrue("calls were made: " + calls, calls.get() > 1000);
        assertTrue("served by 1.0.0 then 2.0.0: " + answeredBy, answeredBy.containsKey("1.0.0") && answeredBy.containsKey("2.0.0"));
        assertEquals("2.0.0:y", echo.apply("y"));
        assertEquals("the consumer was activated exactly once", "1|2.0.0:ping", consumerService.get());
        ServiceReference<?> facadeAfter = reference(Function.class, "(echo=true)");
        assertEquals("same facade registration", facadeBefore.getProperty("service.id"), facadeAfter.getProperty("service.id"));
        assertEquals(facadeBefore, facadeAfter);
        assertEquals("2.0.0", facadeAfter.getProperty("baton.facade.version"));
        assertEquals(1, report.services.size());
        assertEquals(ServiceChange.Kind.KEPT, report.services.get(0).change);
        assertEquals("1.0.0", report.targets.get(0).fromVersion);
        assertEquals("2.0.0", report.targets.get(0).toVersion);
        assertEquals("the old bundle is retired, kept active as a warm standby", Bundle.ACTIVE,
                findBundle("io.baton.example.echo", "1.0.0").getState());
        assertEquals("and no consumer sees it: answers come from 2.0.0 only", "2.0.0:z", echo.apply("z"));
    }

    private Bundle findBundle(String bsn, String version) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName()) && version.equals(b.getVersion().toString())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + bsn + " " + version);
    }
}
