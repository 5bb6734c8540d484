package io.baton.container.rollback.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;

/**
 * State snapshots on disk: plain data (JDK maps, lists, strings, numbers, booleans, byte arrays) and
 * the configurations saved with them, in Java serialization, which keeps every type exactly (JSON would
 * turn Integers into Longs and byte arrays into strings). Reading is bounded, whatever the file holds:
 * only the classes plain data and configurations use (no sets, nothing of anybody's bundle), nesting
 * no deeper than plain data may, no array longer than a snapshot may be, and no more bytes than the
 * file has. A forged, deeply nested or bomb-shaped file is refused with an {@link IOException}, never
 * an {@code OutOfMemoryError}, a {@code StackOverflowError} or a busy loop.
 */
final class PlainSerializer {
    /** What a snapshot or a saved configuration may hold; arrays are judged by their element type. */
    private static final String ALLOWED = "java.lang.String;java.lang.Boolean;java.lang.Character;java.lang.Number;java.lang.Integer;"
            + "java.lang.Long;java.lang.Short;java.lang.Byte;java.lang.Double;java.lang.Float;java.math.BigInteger;java.math.BigDecimal;"
            + "java.util.LinkedHashMap;java.util.HashMap;java.util.ArrayList;java.util.Vector;java.util.Hashtable;"
            + "java.util.CollSer;java.util.ImmutableCollections$List12;java.util.ImmutableCollections$ListN;"
            + "java.util.ImmutableCollections$Map1;java.util.ImmutableCollections$MapN;" // List.of and Map.of, never Set.of
            + "java.util.Map$Entry;java.lang.Object"; // the arrays HashMap and ArrayList check before they allocate
    /** Deep enough for plain data's nesting (200 levels, state transfer's limit) inside the file's own few levels, no deeper. */
    static final int MAX_DEPTH = 200 + 16;
    /** The longest array a snapshot can hold: a byte[] of the largest state (256 MiB). */
    static final int MAX_ARRAY = 256 << 20;
    /** Objects in one file: far above any real state, far below what exhausts a heap. */
    static final long MAX_REFERENCES = 50_000_000;

    private PlainSerializer() {}

    static byte[] write(Map<String, Object> data) throws IOException {
        return write(data, 0);
    }

    /** @param sizeHint the expected size (e.g. the snapshots' plain-data size), so the buffer is not regrown and copied as it fills */
    static byte[] write(Map<String, Object> data, long sizeHint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64, Math.max(256, sizeHint + sizeHint / 8 + 4096)));
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(data);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException if the content is not plain data within the bounds, naming what was refused */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(byte[] content) throws IOException {
        ObjectInputFilter filter = ObjectInputFilter.Config.createFilter("maxdepth=" + MAX_DEPTH + ";maxarray=" + MAX_ARRAY + ";maxrefs="
                + MAX_REFERENCES + ";maxbytes=" + content.length + ";" + ALLOWED + ";!*");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(content))) {
            in.setObjectInputFilter(filter);
            Object value = in.readObject();
            if (!(value instanceof Map)) {
                throw new IOException("state file holds a " + (value == null ? "null" : value.getClass().getName()) + ", expected a map");
            }
            return (Map<String, Object>) value;
        } catch (InvalidClassException e) {
            throw new IOException("state file refused: " + e.getMessage() + " (only plain data, within bounds, is read)", e);
        } catch (ClassNotFoundException | ClassCastException | IllegalStateException e) {
            throw new IOException("state file holds something other than plain data: " + e, e);
        } catch (StackOverflowError | OutOfMemoryError e) { // the bounds should make these impossible; never let one out
            throw new IOException("state file could not be read within bounds: " + e, e);
        }
    }
}
