package io.baton.container.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generated facade classes, one per set of service interfaces: a class whose methods call the target
 * directly through the gate (no {@code Method.invoke}, no argument array, no boxing), defined with
 * {@link MethodHandles.Lookup#defineClass} in the package and class loader of the interfaces, as the
 * JDK proxy is (Equinox decides whether a consumer may see the facade by that loader, see
 * {@link InterfaceLoader#forProxy}).
 *
 * <p>Falls back to the JDK proxy ({@link FacadeHandler}), and says why at INFO, when: the interfaces
 * come from more than one class loader, or from the boot loader / a {@code java.} package (no class
 * may be defined there); two interfaces declare the same method with different return types; a
 * method needs more than 250 local slots; or defining or linking the class fails (e.g. a signed
 * package), or the system property {@value #PROXY_ONLY} is true. Classes are cached per interface set on the first interface ({@link ClassValue}), so a
 * facade published again reuses its class and the cache never pins a class loader.
 * Thread-safe.
 */
final class FacadeClasses {
    private static final Logger LOG = LoggerFactory.getLogger(FacadeClasses.class);
    /**
     * System property: {@code true} makes every facade a JDK proxy (read at startup), for comparing the
     * two in the benchmark and as a way back should a generated class misbehave somewhere.
     */
    static final String PROXY_ONLY = "baton.facade.proxy";
    private static final AtomicLong SERIAL = new AtomicLong();
    private static final ClassValue<Map<List<Class<?>>, Optional<FacadeClasses>>> CACHE = new ClassValue<>() {
        @Override
        protected Map<List<Class<?>>, Optional<FacadeClasses>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** The methods of the class, op index = position. */
    final List<Method> methods;
    final Class<?> type;
    private final Constructor<?> constructor;

    private FacadeClasses(List<Method> methods, Class<?> type) throws NoSuchMethodException {
        this.methods = methods;
        this.type = type;
        this.constructor = type.getConstructor(IntFunction.class, ObjIntConsumer.class, String.class);
    }

    /** @return the generated class for these interfaces, or empty where the JDK proxy must serve (see the class comment) */
    static Optional<FacadeClasses> of(Class<?>[] interfaces) {
        return CACHE.get(interfaces[0]).computeIfAbsent(List.of(interfaces), k -> generate(interfaces));
    }

    /** @return a new facade object calling through {@code bridge} */
    Object newInstance(FacadeBridge bridge, String name) {
        try {
            return constructor.newInstance(bridge, bridge, name);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated facade " + type.getName() + " cannot be made", e);
        }
    }

    private static Optional<FacadeClasses> generate(Class<?>[] interfaces) {
        String names = List.of(interfaces).toString();
        String refused = refusal(interfaces);
        List<Method> methods = new ArrayList<>();
        if (refused == null) {
            refused = collect(interfaces, methods);
        }
        if (refused != null) {
            LOG.info("Facade of {} is a JDK proxy: {}", names, refused);
            return Optional.empty();
        }
        long t0 = System.nanoTime();
        Class<?> first = interfaces[0];
        String name = first.getPackageName().replace('.', '/') + "/BatonFacade$" + first.getSimpleName() + "$" + SERIAL.incrementAndGet();
        try {
            byte[] bytes = FacadeBytecode.write(name, interfaces, methods);
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(first, MethodHandles.lookup());
            Class<?> type = lookup.defineClass(bytes);
            lookup.ensureInitialized(type); // links and verifies now: a class the verifier refuses falls back here, not at a call
            FacadeClasses generated = new FacadeClasses(Collections.unmodifiableList(methods), type);
            LOG.info("Facade class {} generated for {} ({} methods) in {} us", type.getName(), names, methods.size(),
                    (System.nanoTime() - t0) / 1000);
            return Optional.of(generated);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.info("Facade of {} is a JDK proxy: its class could not be generated: {}", names, e.toString());
            return Optional.empty();
        }
    }

    private static String refusal(Class<?>[] interfaces) {
        if (Boolean.getBoolean(PROXY_ONLY)) {
            return "system property " + PROXY_ONLY + " is true";
        }
        ClassLoader loader = interfaces[0].getClassLoader();
        for (Class<?> t : interfaces) {
            if (t.getClassLoader() != loader) {
                return "its interfaces come from more than one class loader";
            }
        }
        if (loader == null || interfaces[0].getPackageName().startsWith("java.")) {
            return "no class may be defined in " + interfaces[0].getPackageName();
        }
        for (Class<?> t : interfaces) {
            if (!Modifier.isPublic(t.getModifiers()) && !t.getPackageName().equals(interfaces[0].getPackageName())) {
                return "interface " + t.getName() + " is not public and not in " + interfaces[0].getPackageName();
            }
        }
        return null;
    }

    /** Fills {@code methods} with one method per name and parameter types; @return why not, or null. */
    private static String collect(Class<?>[] interfaces, List<Method> methods) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Class<?> t : interfaces) {
            for (Method m : t.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || isObjectMethod(m)) {
                    continue; // equals, hashCode and toString answer for the facade itself, as the proxy's do
                }
                String params = FacadeBytecode.descriptor(m);
                params = params.substring(0, params.indexOf(')') + 1);
                Method seen = bySignature.putIfAbsent(m.getName() + params, m);
                if (seen != null && seen.getReturnType() != m.getReturnType()) {
                    return m.getName() + params + " is declared with the return types " + seen.getReturnType().getName()
                            + " and " + m.getReturnType().getName();
                }
                int slots = 1;
                for (Class<?> p : m.getParameterTypes()) {
                    slots += p == long.class || p == double.class ? 2 : 1;
                }
                if (slots > 250) {
                    return m.getName() + " has too many parameters";
                }
            }
        }
        methods.addAll(bySignature.values());
        return null;
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Method o = Object.class.getMethod(m.getName(), m.getParameterTypes());
            return Modifier.isPublic(o.getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
