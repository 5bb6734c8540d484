package io.baton.container.core.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.baton.container.core.spi.CallStats;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

/**
 * The generated facade class: every kind of signature reaches the current target directly, exceptions
 * come out as the target threw them and are counted, Object's methods answer for the facade itself,
 * and what generation cannot handle falls back to the JDK proxy.
 */
public class GeneratedFacadeTest {
    /** Every kind of parameter and return the class writer handles. */
    public interface Shapes {
        void nothing();

        int add(int a, int b);

        long mix(long a, double b, float c, short d, byte e, char f, boolean g);

        double half(double d);

        String[] split(String s, int[] counts, Object[][] nested);

        String read(String path) throws IOException;

        default String greet(String name) {
            return "hello " + name + " from " + nameOfVersion();
        }

        String nameOfVersion();
    }

    /** A second interface, with a method the first one also declares. */
    public interface Named {
        String nameOfVersion();
    }

    static final class Impl implements Shapes, Named {
        final String version;

        Impl(String version) {
            this.version = version;
        }

        @Override public void nothing() {}

        @Override public int add(int a, int b) {
            return a + b;
        }

        @Override public long mix(long a, double b, float c, short d, byte e, char f, boolean g) {
            return a + (long) b + (long) c + d + e + f + (g ? 1000 : 0);
        }

        @Override public double half(double d) {
            return d / 2;
        }

        @Override public String[] split(String s, int[] counts, Object[][] nested) {
            return new String[] {s, String.valueOf(counts.length), String.valueOf(nested.length)};
        }

        @Override public String read(String path) throws IOException {
            throw new IOException("no file " + path);
        }

        @Override public String nameOfVersion() {
            return version;
        }
    }

    private final Class<?>[] interfaces = {Shapes.class, Named.class};
    private final CallCounter counter = new CallCounter(7, "test", "1.0.0", interfaces, new CallSignal());

    private Object facade(Gate gate) {
        FacadeClasses generated = FacadeClasses.of(interfaces).orElseThrow();
        CallCounter.Op[] ops = generated.methods.stream().map(counter::op).toArray(CallCounter.Op[]::new);
        return generated.newInstance(new FacadeBridge(gate, () -> counter, ops), "BatonFacade[test]");
    }

    @Test
    public void everySignatureReachesTheCurrentTargetDirectly() throws Exception {
        Gate gate = new Gate(new Impl("v1"));
        Object facade = facade(gate);
        assertFalse("generated, not a JDK proxy", Proxy.isProxyClass(facade.getClass()));
        Shapes s = (Shapes) facade;

        s.nothing();
        assertEquals(5, s.add(2, 3));
        assertEquals(1L + 2 + 3 + 4 + 5 + 'a' + 1000, s.mix(1L, 2.5, 3.5f, (short) 4, (byte) 5, 'a', true));
        assertEquals(1.25, s.half(2.5), 0);
        assertArrayEquals(new String[] {"x", "2", "1"}, s.split("x", new int[2], new Object[1][]));
        assertEquals("the default method runs on the target", "hello you from v1", s.greet("you"));
        assertEquals("v1", ((Named) facade).nameOfVersion());

        // SWITCH: closed, drained, retargeted, opened; the same facade object now reaches v2
        Object swap = new Object();
        gate.close(swap);
        assertTrue(gate.awaitDrained(System.nanoTime()));
        gate.retarget(new Impl("v2"));
        gate.open();
        assertEquals("v2", s.nameOfVersion());
        assertEquals(0, gate.inFlight());
        assertEquals(8, gate.completed());
    }

    @Test
    public void aTargetsExceptionComesOutAsThrownCountedAsAFailureAndTheGateIsLeft() {
        Gate gate = new Gate(new Impl("v1"));
        Shapes s = (Shapes) facade(gate);
        AtomicInteger signalled = new AtomicInteger();
        counter.signal.watch(0, nanos -> signalled.incrementAndGet());
        try {
            s.read("/nowhere");
            fail("the target threw");
        } catch (IOException e) {
            assertEquals("the checked exception itself, not wrapped", "no file /nowhere", e.getMessage());
        }
        assertEquals(0, gate.inFlight());
        assertEquals(1, signalled.get());
        List<CallStats> stats = counter.stats("test", gate.completed());
        assertEquals(1, stats.get(0).calls);
        assertEquals(1, stats.get(0).failures);
        CallStats read = stats.stream().filter(r -> r.operation.equals("read(String)")).findFirst().orElseThrow();
        assertEquals(1, read.calls);
        assertEquals(1, read.failures);
    }

    @Test
    public void objectsMethodsAnswerForTheFacadeItself() {
        Gate gate = new Gate(new Impl("v1"));
        Object a = facade(gate);
        Object b = facade(gate);
        assertEquals(a, a);
        assertNotEquals("two facade objects are two services' stand-ins, even over one target", a, b);
        assertEquals(System.identityHashCode(a), a.hashCode());
        assertEquals("BatonFacade[test]", a.toString());
        assertEquals("no call went through the gate", 0, gate.completed());
    }

    @Test
    public void oneClassPerInterfaceSet() {
        assertSame(FacadeClasses.of(interfaces).orElseThrow().type, FacadeClasses.of(interfaces).orElseThrow().type);
    }

    /** Declares a method of Shapes' with another return type. */
    public interface Clash {
        Object nameOfVersion();
    }

    @Test
    public void whatCannotBeGeneratedFallsBackToTheProxy() {
        assertFalse("same method, two return types", FacadeClasses.of(new Class<?>[] {Shapes.class, Clash.class}).isPresent());
        assertFalse("boot loader / java. package", FacadeClasses.of(new Class<?>[] {Runnable.class}).isPresent());
    }
}
