package io.baton.container.statexfer;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A service object whose state Baton carries across a swap.
 *
 * <p>The service is registered under its own interfaces (not under {@code Stateful}) with two service
 * properties that declare its state: {@value #STATE_TYPE} (a name shared by every version, e.g.
 * {@code cart}) and {@value #STATE_VERSION} (the schema version, an Integer). With DS:
 *
 * <pre>{@code
 * @Component(property = {"baton.state.type=cart", "baton.state.version:Integer=2"})
 * public class CartImpl implements CartService, Stateful { ... }
 * }</pre>
 *
 * <p>Baton calls {@link #exportState()} on the old object while no call is running through it
 * (its gate is closed and drained), and {@link #importState(Map)} on the new object before any call
 * reaches it. Snapshots are plain data: {@code Map<String, ?>}, {@code List}, {@code String},
 * {@code Number}, {@code Boolean}, {@code byte[]} and {@code null}; no class of the old bundle crosses
 * into the new one. To turn DTOs into plain data, use the OSGi Converter
 * ({@code Converters.standardConverter().convert(dto).to(Map.class)}).
 */
@ConsumerType
public interface Stateful {
    /** Service property naming the state type, e.g. {@code cart}. */
    String STATE_TYPE = "baton.state.type";
    /** Service property with the schema version of the state (Integer). */
    String STATE_VERSION = "baton.state.version";

    /**
     * @return the whole state as plain data; must not be shared with the live object afterwards
     *     (Baton keeps it for rollback)
     */
    Map<String, Object> exportState();

    /**
     * Replaces this object's state. Called once, before the object serves any call.
     *
     * @param state plain data of this object's schema version
     * @throws RuntimeException if the state cannot be taken: the swap aborts and the old version stays
     */
    void importState(Map<String, Object> state);
}
