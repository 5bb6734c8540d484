package io.baton.container.statexfer;

import java.util.Collection;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link Stateful} service object whose state is a set of entries (key -> plain-data value) and that
 * reports which keys changed since a mark. With it Baton copies and migrates the state while the old
 * version still serves (pre-copy, in rounds) and, in the pause, moves only the entries changed since
 * the last round: the pause follows the write rate, not the state size.
 *
 * <p>Baton takes this path when the old and the new object both implement {@code KeyedState} (and
 * {@link #copiesByEntry()} says so) and every migrator of the chain between their schema versions is also an {@link EntryMigrator};
 * otherwise (and for a rollback restoring a checkpoint) it uses {@link Stateful#exportState()} and
 * {@link Stateful#importState(Map)} in the pause, as for any stateful service. Checkpoints always
 * hold the {@link Stateful#exportState()} form, taken from the old object after the gates reopened
 * (it no longer serves then), so the whole-state {@link Migrator}s and import stay needed.
 *
 * <p>Contract (what Baton relies on; {@link ChangeTracker} implements the bookkeeping):
 * <ul>
 *   <li>{@link #mark()}, {@link #changedSince(long)}, {@link #keys()}, {@link #entry(String)} and
 *       {@link #checksum()} are called on the old object <em>while it serves</em>, from a Baton
 *       thread: they must be thread-safe, and each {@link #entry(String)} must read one consistent value.</li>
 *   <li>Every write or removal of an entry that happens after {@code m = mark()} returned appears in
 *       {@code changedSince(m)}. Reporting more keys is harmless; missing one is the bug Baton checks for.</li>
 *   <li>{@link #checksum()} is the sum (mod 2^64) of {@link ChangeTracker#hash(String, Object)} over
 *       every entry, kept up to date by the writes themselves. In the pause Baton compares it with the
 *       sum over the values it copied; a difference (a change the report missed) aborts the swap with
 *       the old version serving and nothing lost.</li>
 *   <li>{@link #putEntries(Map)} is called on the new object only, before it serves any call.</li>
 * </ul>
 *
 * @since 1.2
 */
@ConsumerType
public interface KeyedState extends Stateful {

    /** @return a position in this object's change history; writes after it show in {@link #changedSince(long)} */
    long mark();

    /**
     * @param mark a value {@link #mark()} returned
     * @return the keys written or removed after {@code mark} (a superset is allowed), never null
     */
    Collection<String> changedSince(long mark);

    /** @return the keys of the entries present now (a copy Baton may keep), never null */
    Collection<String> keys();

    /**
     * @return the value of {@code key} as plain data, or {@code null} if absent; Baton copies it before
     *     use, so it may be the live value if it is never modified in place
     */
    Object entry(String key);

    /** @return the sum (mod 2^64) of {@link ChangeTracker#hash(String, Object)} over every entry */
    long checksum();

    /**
     * Sets entries on the new object before it serves; a {@code null} value removes the key. Called
     * several times (once per pre-copy round and once in the pause); the values are Baton's copies.
     *
     * @throws RuntimeException if an entry cannot be taken: the swap aborts and the old version stays
     */
    void putEntries(Map<String, Object> entries);

    /**
     * @return whether Baton may copy this object's state entry by entry now (asked of the old and the
     *     new object before a swap); {@code false} makes it copy the whole state in the pause, as for
     *     any {@link Stateful}, e.g. for a configuration in which the entries are not tracked
     */
    default boolean copiesByEntry() {
        return true;
    }
}
