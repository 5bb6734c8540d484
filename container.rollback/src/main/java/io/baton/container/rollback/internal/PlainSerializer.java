package io.baton.container.rollback.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;

/**
 * State snapshots on disk: plain data (JDK maps, lists, strings, numbers, booleans, byte arrays) in
 * Java serialization, which keeps every type exactly (JSON would turn Integers into Longs and byte
 * arrays into strings). Reading accepts JDK classes only.
 */
final class PlainSerializer {
    private static final ObjectInputFilter ONLY_JDK = info -> {
        Class<?> c = info.serialClass();
        if (c == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        Class<?> type = c.isArray() ? c.getComponentType() : c;
        return type.isPrimitive() || type.getName().startsWith("java.") ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    };

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

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(byte[] content) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(content))) {
            in.setObjectInputFilter(ONLY_JDK);
            return (Map<String, Object>) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("state file holds something other than plain data: " + e, e);
        }
    }
}
