package io.baton.container.rollback.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Files in the store that someone damaged or forged: each is refused with an IOException naming the
 * problem, quickly, never an Error, an exhausted heap or a busy loop.
 */
public class HostileFilesTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    @Test
    public void aHeaderWithALengthThatIsNoNumberIsRefused() throws IOException {
        Path f = tmp.newFile("cp-1.json").toPath();
        Files.writeString(f, "BATON1 sha256=" + "0".repeat(64) + " length=12x\n{}", StandardCharsets.US_ASCII);

        IOException e = assertThrows(IOException.class, () -> AtomicFiles.read(f));

        assertTrue(e.getMessage(), e.getMessage().contains("length '12x' is not a number"));
    }

    @Test
    public void plainDataComesBackWithItsExactTypes() throws IOException {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("i", 1);
        state.put("l", 2L);
        state.put("b", new byte[] {3});
        state.put("list", new ArrayList<>(List.of("x", 4.5)));
        state.put("config", new LinkedHashMap<>(Map.of("names", new String[] {"a"})));

        Map<String, Object> back = PlainSerializer.read(PlainSerializer.write(state));

        assertEquals(Integer.class, back.get("i").getClass());
        assertEquals(Long.class, back.get("l").getClass());
        assertEquals(byte[].class, back.get("b").getClass());
    }

    @Test
    public void aForgedHugeArrayIsRefusedBeforeItIsAllocated() throws IOException {
        byte[] bytes = serialize(new LinkedHashMap<>(Map.of("data", new byte[16])));
        // the array's length field: 0x00000010 after TC_ARRAY's class descriptor; forge it to 2^31 - 1
        for (int i = 0; i < bytes.length - 4; i++) {
            if (bytes[i] == 0 && bytes[i + 1] == 0 && bytes[i + 2] == 0 && bytes[i + 3] == 16) {
                bytes[i] = 0x7f;
                bytes[i + 1] = (byte) 0xff;
                bytes[i + 2] = (byte) 0xff;
                bytes[i + 3] = (byte) 0xff;
                break;
            }
        }
        byte[] forged = bytes;

        IOException e = assertThrows(IOException.class, () -> PlainSerializer.read(forged));

        assertTrue(e.getMessage(), e.getMessage().contains("refused") || e.getMessage().contains("within bounds"));
    }

    @Test
    public void aDeeplyNestedStateIsRefusedWithoutOverflowingTheStack() throws IOException {
        Map<String, Object> state = new LinkedHashMap<>();
        Map<String, Object> cursor = state;
        for (int i = 0; i < 300; i++) { // deeper than plain data may be (200), short of overflowing the writer
            Map<String, Object> next = new LinkedHashMap<>();
            cursor.put("n", next);
            cursor = next;
        }
        byte[] nested = serialize(state);

        IOException e = assertThrows(IOException.class, () -> PlainSerializer.read(nested));

        assertTrue(e.getMessage(), e.getMessage().contains("refused"));
    }

    @Test
    public void aNestedHashSetBombIsRefusedAtOnce() throws IOException {
        // the classic: sets nested 100 deep, two members each, that hash each other 2^100 times on read
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        byte[] bomb = serialize(new LinkedHashMap<>(Map.of("state", root)));

        IOException e = assertThrows(IOException.class, () -> PlainSerializer.read(bomb));

        assertTrue(e.getMessage(), e.getMessage().contains("refused"));
    }

    @Test
    public void somethingOtherThanAMapIsRefused() throws IOException {
        byte[] list = serialize(new ArrayList<>(List.of(1)));

        IOException e = assertThrows(IOException.class, () -> PlainSerializer.read(list));

        assertTrue(e.getMessage(), e.getMessage().contains("expected a map"));
    }
}
