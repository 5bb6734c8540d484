package io.baton.bench.consumer.internal;

import io.baton.bench.api.BlobService;
import io.baton.bench.api.ConsumerProbe;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A consumer as DS users write them: a static, mandatory reference. Any replacement of the blob
 * service registration deactivates and reactivates it; the activation count (kept in the class, so it
 * survives reactivations but not a new class loader) tells the benchmark whether that happened.
 */
@Component(service = ConsumerProbe.class)
public final class BlobConsumer implements ConsumerProbe {
    static final AtomicInteger ACTIVATIONS = new AtomicInteger();

    private final BlobService blob;

    @Activate
    public BlobConsumer(@Reference BlobService blob) {
        this.blob = blob;
        ACTIVATIONS.incrementAndGet();
    }

    @Override
    public int activations() {
        return ACTIVATIONS.get();
    }

    @Override
    public int blobVersion() {
        return blob.version();
    }
}
