package io.baton.bench.api;

import org.osgi.annotation.versioning.ProviderType;

/** The bench consumer: a DS component with a static, mandatory reference to the {@link BlobService}. */
@ProviderType
public interface ConsumerProbe {

    /** @return how often the consumer component was activated since its bundle's class loader was created */
    int activations();

    /** @return the version of the blob service the consumer holds, through whatever reference it got */
    int blobVersion();
}
