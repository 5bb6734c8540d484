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
