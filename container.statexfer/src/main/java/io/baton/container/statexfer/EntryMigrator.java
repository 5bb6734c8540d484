package io.baton.container.statexfer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link Migrator} that can also migrate one entry of a {@link KeyedState} at a time. Register it
 * as a {@link Migrator} service, with the usual {@value Migrator#TYPE}, {@value Migrator#FROM} and
 * {@value Migrator#TO} properties: Baton finds the chain among the migrators and takes the keyed
 * path when every step of it implements this interface. Keys do not change across schema versions.
 *
 * <p>Called on a Baton thread while the old version serves (pre-copy) and, for the entries changed
 * since, in the pause; thread-safe, no side effects.
 *
 * @since 1.2
 */
@ConsumerType
public interface EntryMigrator extends Migrator {

    /**
     * @param key the entry's key
     * @param value a private copy of the entry's value in schema {@code from}
     * @return the value in schema {@code to}, plain data; {@code null} drops the entry
     * @throws Exception to refuse: the swap (or rollback) aborts with this failure
     */
    Object migrateEntry(String key, Object value) throws Exception;
}
