package io.baton.container.statexfer.internal;

import io.baton.container.statexfer.ChangeTracker;
import io.baton.container.statexfer.EntryMigrator;
import io.baton.container.statexfer.KeyedCopy;
import io.baton.container.statexfer.KeyedState;
import io.baton.container.statexfer.MigratorEdge;
import io.baton.container.statexfer.StateTransferException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KeyedCopy}: reads entries from the old object, copies and migrates each along the chain of
 * {@link EntryMigrator}s, and hands them to the new object in batches. Keeps, per key, the hash and
 * size of the old value it copied (16 bytes a key, not the values), so that the pause can verify the
 * whole copy against the old object's checksum without reading every entry again.
 */
final class KeyedCopyImpl implements KeyedCopy {
    private static final Logger LOG = LoggerFactory.getLogger(KeyedCopyImpl.class);
    /** Entries handed to the new object per {@link KeyedState#putEntries(Map)} call: bounds the garbage of one batch. */
    static final int BATCH = 1024;

    private final String type;
    private final int from;
    private final int to;
    private final KeyedState source;
    private final KeyedState target;
    private final List<MigratorEdge> chain;
    private final List<EntryMigrator> steps;
    /** key -> {hash of the old value copied (0: absent), the plain-data size of key and value} */
    private final Map<String, long[]> copied = new HashMap<>();
    private long sum;
    private long bytes;
    private long mark;
    private int rounds;
    private long entriesCopied;
    private int inPause;

    KeyedCopyImpl(String type, int from, int to, KeyedState source, KeyedState target, List<MigratorEdge> chain, List<EntryMigrator> steps) {
        this.type = type;
        this.from = from;
        this.to = to;
        this.source = source;
        this.target = target;
        this.chain = chain;
        this.steps = steps;
    }

    @Override
    public void precopy(int maxRounds, int dirtyLimit) throws StateTransferException {
        long t0 = System.nanoTime();
        mark = source.mark(); // before the first read: every write after it shows in the next round
        List<String> keys = new ArrayList<>(source.keys());
        Set<String> stale = new HashSet<>(target.keys());
        stale.removeAll(keys);
        Map<String, Object> removals = new LinkedHashMap<>();
        stale.forEach(k -> removals.put(k, null)); // a rollback's warm standby still holds the entries of its own past
        if (!removals.isEmpty()) {
            target.putEntries(removals);
        }
        move(keys);
        rounds = 1;
        int lastDirty = keys.size();
        while (rounds < maxRounds) {
            long next = source.mark();
            Collection<String> dirty = source.changedSince(mark);
            lastDirty = dirty.size();
            if (lastDirty <= dirtyLimit) {
                break; // few enough for the pause
            }
            mark = next;
            move(dirty);
            rounds++;
        }
        LOG.info("Pre-copied state {} v{} -> v{}: {} entries ({} bytes) in {} rounds, {} ms; {} changed since the last round",
                type, from, to, copied.size(), bytes, rounds, (System.nanoTime() - t0) / 1_000_000, lastDirty);
    }

    @Override
    public void finish() throws StateTransferException {
        Collection<String> dirty = source.changedSince(mark);
        mark = source.mark();
        move(dirty);
        inPause = dirty.size();
        long theirs = source.checksum();
        if (theirs != sum) {
            throw new StateTransferException("Keyed state " + type + " v" + from + ": the old object's checksum " + Long.toHexString(theirs)
                    + " differs from the sum over the " + copied.size() + " entries Baton copied (" + Long.toHexString(sum)
                    + "): its change report (changedSince) missed a write, or its checksum is not kept per KeyedState's contract."
                    + " Nothing was switched; the old version keeps serving with its state");
        }
    }

    /** Copies, hashes and migrates {@code keys} from the old object into the new one, in batches. */
    private void move(Collection<String> keys) throws StateTransferException {
        Map<String, Object> batch = new LinkedHashMap<>();
        for (String key : keys) {
            Object value = source.entry(key);
            Object copy;
            try {
                copy = PlainData.copy(value, "entry " + key);
            } catch (IllegalArgumentException e) {
                throw new StateTransferException("Keyed state " + type + " v" + from + ": " + e.getMessage(), e);
            }
            long hash = copy == null ? 0 : ChangeTracker.hash(key, copy);
            long size = copy == null ? 0 : PlainData.sizeOf(key) + PlainData.sizeOf(copy);
            long[] known = copied.get(key);
            if (known == null) {
                copied.put(key, new long[] {hash, size});
            } else {
                sum -= known[0];
                bytes -= known[1];
                known[0] = hash;
                known[1] = size;
            }
            sum += hash;
            bytes += size;
            batch.put(key, copy == null ? null : migrate(key, copy));
            entriesCopied++;
            if (batch.size() >= BATCH) {
                put(batch);
                batch = new LinkedHashMap<>();
            }
        }
        if (!batch.isEmpty()) {
            put(batch);
        }
    }

    private Object migrate(String key, Object value) throws StateTransferException {
        Object data = value;
        for (int i = 0; i < steps.size() && data != null; i++) {
            MigratorEdge step = chain.get(i);
            Object out;
            try {
                out = steps.get(i).migrateEntry(key, data);
            } catch (Exception | LinkageError e) {
                throw new StateTransferException("Entry migrator " + step + " (" + step.origin() + ") failed on key " + key + ": " + e, e);
            }
            try {
                data = PlainData.copy(out, "entry " + key); // checked plain data, and the next step's private copy
            } catch (IllegalArgumentException e) {
                throw new StateTransferException("Entry migrator " + step + " (" + step.origin() + ") returned a wrong value for key " + key
                        + ": " + e.getMessage(), e);
            }
        }
        return data;
    }

    private void put(Map<String, Object> batch) throws StateTransferException {
        try {
            target.putEntries(batch);
        } catch (RuntimeException e) {
            throw new StateTransferException("putEntries() of state " + type + " v" + to + " refused " + batch.size() + " entries: " + e, e);
        }
    }

    @Override
    public long entriesCopied() {
        return entriesCopied;
    }

    @Override
    public int rounds() {
        return rounds;
    }

    @Override
    public int entriesInPause() {
        return inPause;
    }

    @Override
    public long bytes() {
        return bytes;
    }
}
