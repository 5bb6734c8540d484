package io.baton.example.echo.consumer.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A consumer as DS users write them: a static, mandatory reference. Without Baton, any replacement
 * of the echo service deactivates and reactivates it; the activation count tells a test whether that
 * happened. Offers {@code Supplier<String>}: {@code <activations>|<echo of "ping">}.
 */
@Component(service = Supplier.class, property = "echo.consumer=true")
public final class EchoConsumer implements Supplier<String> {
    static final AtomicInteger ACTIVATIONS = new AtomicInteger();

    private final Function<String, String> echo;

    @Activate
    public EchoConsumer(@Reference(target = "(echo=true)") Function<String, String> echo) {
        this.echo = echo;
        ACTIVATIONS.incrementAndGet();
    }

    @Override
    public String get() {
        return ACTIVATIONS.get() + "|" + echo.apply("ping");
    }
}
