package io.baton.container.statexfer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Baton's state transfer service: captures snapshots, finds migration chains among the registered
 * {@link Migrator} services, and runs them. Thread-safe.
 */
@ProviderType
public interface StateTransfer {

    /**
     * Checks that {@code data} is plain data and measures it.
     *
     * @param maxBytes the cap; {@code <= 0} for none
     * @return a snapshot holding a deep copy of {@code data}
     * @throws StateTransferException naming the offending entry's path and class, or the size and cap
     */
    Snapshot capture(String type, int version, Map<String, Object> data, long maxBytes) throws StateTransferException;

    /**
     * The shortest chain of migrators from {@code from} to {@code to} for {@code type}, among the
     * registered migrators and the {@code declared} ones (not yet registered: a bundle about to be
     * installed).
     *
     * @return the steps in order; empty if {@code from == to}
     * @throws StateTransferException if no chain exists, naming the migrators known for the type
     */
    List<MigratorEdge> chain(String type, int from, int to, Collection<MigratorEdge> declared) throws StateTransferException;

    /**
     * Migrates a snapshot to version {@code to} through the registered migrators, each on its own copy
     * and within {@code deadline} for the whole chain; each result is checked (not null, plain data).
     *
     * @throws StateTransferException naming the migrator step and what went wrong
     */
    Snapshot migrate(Snapshot snapshot, int to, Duration deadline) throws StateTransferException;

    /** @return every registered migrator, per state type */
    Map<String, List<MigratorEdge>> migrators();

    /**
     * @return the migrator threads given up on (past their deadline) that still run, each with the
     *     migrator and where it is; empty when none
     * @since 1.1
     */
    List<String> abandonedThreads();

    /**
     * Prepares the keyed copy of one state from {@code source} (schema {@code from}) to {@code target}
     * (schema {@code to}), if every step of the migrator chain is an {@link EntryMigrator}.
     *
     * @return the copy, not started; {@code null} if a step of the chain migrates whole state only
     *     (the caller then copies eagerly)
     * @throws StateTransferException if there is no chain at all
     * @since 1.2
     */
    KeyedCopy keyed(String type, int from, int to, KeyedState source, KeyedState target) throws StateTransferException;

    /** @return the approximate serialized size of plain data in bytes */
    long sizeOf(Object data);
}
