package io.baton.example.echo.internal;

import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * A stateless service under a JDK interface, so that no API bundle is needed: answers
 * {@code <bundle version>:<input>}, which tells a test which version served each call.
 */
@Component(service = Function.class, property = "echo=true")
public final class Echo implements Function<String, String> {
    private final String version;

    @Activate
    public Echo(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    @Override
    public String apply(String input) {
        return version + ":" + input;
    }
}
