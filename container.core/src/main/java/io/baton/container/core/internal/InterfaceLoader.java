package io.baton.container.core.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Defines facade proxy classes. It sees exactly the service interfaces (from their own class loaders,
 * i.e. the API bundles) and Baton's classes, and never the implementation bundle, so a facade does not
 * pin the class loader of a version that was swapped out.
 */
final class InterfaceLoader extends ClassLoader {
    private final Map<String, Class<?>> interfaces = new HashMap<>();

    /**
     * The loader to define a facade's proxy class in: the API bundle's own class loader when one bundle
     * declares every interface (the usual case), else an {@code InterfaceLoader}. Equinox (unlike Felix)
     * decides whether a consumer may see a service that its registrant (container.core, which does not
     * import the API) registered by the class loader of the service object: a bundle's loader that wires
     * the package passes, any other fails, and DS consumers would never see the facade.
     */
    static ClassLoader forProxy(Class<?>[] types) {
        ClassLoader common = types[0].getClassLoader();
        for (Class<?> t : types) {
            if (t.getClassLoader() != common) {
                common = null;
                break;
            }
        }
        return common != null ? common : new InterfaceLoader(types);
    }

    InterfaceLoader(Class<?>[] types) {
        super(InterfaceLoader.class.getClassLoader());
        for (Class<?> t : types) {
            interfaces.put(t.getName(), t);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Class<?> c = interfaces.get(name);
        if (c != null) {
            return c;
        }
        for (Class<?> t : interfaces.values()) {
            ClassLoader loader = t.getClassLoader();
            if (loader != null) {
                try {
                    return loader.loadClass(name);
                } catch (ClassNotFoundException e) {
                    // try the next interface's loader, then Baton's
                }
            }
        }
        return super.loadClass(name, resolve);
    }
}
