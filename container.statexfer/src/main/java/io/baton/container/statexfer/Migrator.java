package io.baton.container.statexfer;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a state snapshot of one schema version into the next (up) or previous (down) version.
 *
 * <p>Registered as a service with the properties {@value #TYPE}, {@value #FROM} and {@value #TO}
 * (Integers); Baton chains migrators to reach any version from any other (1 -> 2 -> 3, and back for a
 * rollback). With DS:
 *
 * <pre>{@code
 * @Component(property = {"baton.migrator.type=cart", "baton.migrator.from:Integer=1", "baton.migrator.to:Integer=2"})
 * public class CartV1ToV2 implements Migrator { ... }
 * }</pre>
 *
 * <p>Ship a migrator in the newer bundle, both directions: Baton reads the declarations from the
 * bundle's DS descriptors before it installs the bundle, so a missing chain refuses the swap early.
 * A migrator gets its own copy of the snapshot, runs under a deadline, and must return plain data.
 */
@ConsumerType
public interface Migrator {
    /** Service property: the state type migrated, e.g. {@code cart}. */
    String TYPE = "baton.migrator.type";
    /** Service property: the schema version read (Integer). */
    String FROM = "baton.migrator.from";
    /** Service property: the schema version written (Integer). */
    String TO = "baton.migrator.to";

    /**
     * @param state a private copy of a snapshot of version {@code from}
     * @return the state in version {@code to}, plain data, never {@code null}
     * @throws Exception to refuse: the swap (or rollback) aborts with this failure
     */
    Map<String, Object> migrate(Map<String, Object> state) throws Exception;
}
