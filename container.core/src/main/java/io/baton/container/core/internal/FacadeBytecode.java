package io.baton.container.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the class file of a generated facade (see {@link FacadeClasses}): a final class implementing
 * the service interfaces, whose every method is
 * <pre>
 * Object caller = enter.apply(op);              // the gate: waits while closed
 * try { r = ((Service) ((Supplier) caller).get()).method(args); }   // the target, called directly
 * catch (Throwable t) { exit.accept(caller, -op - 1); throw t; }     // counted as failed, then rethrown as is
 * exit.accept(caller, op); return r;
 * </pre>
 * It names only JDK types ({@code IntFunction}, {@code ObjIntConsumer}, {@code Supplier}) and the
 * interfaces, so it resolves in the interfaces' own class loader, which need not see Baton. Class file
 * version 49 (Java 5): no stack map frames to compute, the JVM's type-inferring verifier checks it.
 * Not thread-safe: one writer per class.
 */
final class FacadeBytecode {
    private static final int VERSION = 49;
    private static final String ENTER = "java/util/function/IntFunction";
    private static final String EXIT = "java/util/function/ObjIntConsumer";
    private static final String SUPPLIER = "java/util/function/Supplier";

    private final ByteArrayOutputStream poolBytes = new ByteArrayOutputStream();
    private final DataOutputStream pool = new DataOutputStream(poolBytes);
    private final Map<String, Integer> constants = new HashMap<>();
    private int nextConstant = 1;

    private FacadeBytecode() {}

    /**
     * @param internalName the class's name with slashes, in the package of the first interface
     * @param methods the methods to generate, op index = position; no two with the same name and parameters
     */
    static byte[] write(String internalName, Class<?>[] interfaces, List<Method> methods) {
        try {
            return new FacadeBytecode().classFile(internalName, interfaces, methods);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    private byte[] classFile(String name, Class<?>[] interfaces, List<Method> methods) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        int thisClass = classRef(name);
        int superClass = classRef("java/lang/Object");
        out.writeShort(0x0001 | 0x0010 | 0x0020 | 0x1000); // public final super synthetic
        out.writeShort(thisClass);
        out.writeShort(superClass);
        out.writeShort(interfaces.length);
        for (Class<?> i : interfaces) {
            out.writeShort(classRef(internal(i)));
        }
        out.writeShort(3); // fields
        field(out, "enter", "L" + ENTER + ";");
        field(out, "exit", "L" + EXIT + ";");
        field(out, "name", "Ljava/lang/String;");
        List<byte[]> methodBytes = new ArrayList<>();
        methodBytes.add(constructor(name));
        methodBytes.add(toStringMethod(name));
        for (int op = 0; op < methods.size(); op++) {
            methodBytes.add(forward(name, methods.get(op), op));
        }
        out.writeShort(methodBytes.size());
        for (byte[] m : methodBytes) {
            out.write(m);
        }
        out.writeShort(0); // class attributes
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream f = new DataOutputStream(file);
        f.writeInt(0xCAFEBABE);
        f.writeShort(0);
        f.writeShort(VERSION);
        f.writeShort(nextConstant);
        pool.flush();
        f.write(poolBytes.toByteArray());
        f.write(body.toByteArray());
        return file.toByteArray();
    }

    private void field(DataOutputStream out, String name, String descriptor) throws IOException {
        out.writeShort(0x0002 | 0x0010); // private final
        out.writeShort(utf8(name));
        out.writeShort(utf8(descriptor));
        out.writeShort(0);
    }

    /** {@code <init>(IntFunction enter, ObjIntConsumer exit, String name)} */
    private byte[] constructor(String owner) throws IOException {
        Code c = new Code();
        c.op(0x2A); // aload_0
        c.op(0xB7).u2(methodRef("java/lang/Object", "<init>", "()V", false)); // invokespecial
        c.op(0x2A).op(0x2B).op(0xB5).u2(fieldRef(owner, "enter", "L" + ENTER + ";")); // putfield
        c.op(0x2A).op(0x2C).op(0xB5).u2(fieldRef(owner, "exit", "L" + EXIT + ";"));
        c.op(0x2A).op(0x2D).op(0xB5).u2(fieldRef(owner, "name", "Ljava/lang/String;"));
        c.op(0xB1); // return
        return method(0x0001, "<init>", "(L" + ENTER + ";L" + EXIT + ";Ljava/lang/String;)V", c, 2, 4, null);
    }

    private byte[] toStringMethod(String owner) throws IOException {
        Code c = new Code();
        c.op(0x2A).op(0xB4).u2(fieldRef(owner, "name", "Ljava/lang/String;")); // getfield
        c.op(0xB0); // areturn
        return method(0x0001, "toString", "()Ljava/lang/String;", c, 1, 1, null);
    }

    /** The method of the class comment, for one interface method. */
    private byte[] forward(String owner, Method m, int op) throws IOException {
        String descriptor = descriptor(m);
        Class<?>[] params = m.getParameterTypes();
        int callerLocal = 1;
        for (Class<?> p : params) {
            callerLocal += slots(p);
        }
        int resultLocal = callerLocal + 1;
        int thrownLocal = resultLocal;
        Class<?> returned = m.getReturnType();
        Code c = new Code();
        // Object caller = enter.apply(op)
        c.op(0x2A).op(0xB4).u2(fieldRef(owner, "enter", "L" + ENTER + ";"));
        c.pushInt(op);
        c.op(0xB9).u2(methodRef(ENTER, "apply", "(I)Ljava/lang/Object;", true)).u1(2).u1(0); // invokeinterface
        c.store('A', callerLocal);
        int tryStart = c.length();
        // ((Service) ((Supplier) caller).get()).m(args)
        c.load('A', callerLocal);
        c.op(0xC0).u2(classRef(SUPPLIER)); // checkcast
        c.op(0xB9).u2(methodRef(SUPPLIER, "get", "()Ljava/lang/Object;", true)).u1(1).u1(0);
        String declaring = internal(m.getDeclaringClass());
        c.op(0xC0).u2(classRef(declaring));
        int local = 1;
        int argSlots = 1;
        for (Class<?> p : params) {
            c.load(kind(p), local);
            local += slots(p);
            argSlots += slots(p);
        }
        c.op(0xB9).u2(methodRef(declaring, m.getName(), descriptor, true)).u1(argSlots).u1(0);
        if (returned != void.class) {
            c.store(kind(returned), resultLocal);
            thrownLocal = resultLocal + slots(returned);
        }
        int tryEnd = c.length();
        // exit.accept(caller, op); return result
        exit(c, owner, callerLocal, op);
        if (returned == void.class) {
            c.op(0xB1);
        } else {
            c.load(kind(returned), resultLocal);
            c.op(returnOp(kind(returned)));
        }
        int handler = c.length();
        // catch (Throwable t) { exit.accept(caller, -op - 1); throw t; }
        c.store('A', thrownLocal);
        exit(c, owner, callerLocal, -op - 1);
        c.load('A', thrownLocal);
        c.op(0xBF); // athrow
        int maxStack = Math.max(3, 1 + argSlots + 1);
        int maxLocals = thrownLocal + 1;
        return method(0x0001 | 0x0010, m.getName(), descriptor, c, maxStack, maxLocals, new int[] {tryStart, tryEnd, handler});
    }

    private void exit(Code c, String owner, int callerLocal, int op) throws IOException {
        c.op(0x2A).op(0xB4).u2(fieldRef(owner, "exit", "L" + EXIT + ";"));
        c.load('A', callerLocal);
        c.pushInt(op);
        c.op(0xB9).u2(methodRef(EXIT, "accept", "(Ljava/lang/Object;I)V", true)).u1(3).u1(0);
    }

    private byte[] method(int access, String name, String descriptor, Code code, int maxStack, int maxLocals, int[] catchAll)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(access);
        out.writeShort(utf8(name));
        out.writeShort(utf8(descriptor));
        out.writeShort(1); // attributes: Code
        out.writeShort(utf8("Code"));
        byte[] instructions = code.bytes.toByteArray();
        int exceptionTable = catchAll == null ? 0 : 1;
        out.writeInt(2 + 2 + 4 + instructions.length + 2 + 8 * exceptionTable + 2);
        out.writeShort(maxStack);
        out.writeShort(maxLocals);
        out.writeInt(instructions.length);
        out.write(instructions);
        out.writeShort(exceptionTable);
        if (catchAll != null) {
            out.writeShort(catchAll[0]);
            out.writeShort(catchAll[1]);
            out.writeShort(catchAll[2]);
            out.writeShort(0); // any Throwable
        }
        out.writeShort(0); // code attributes
        return bytes.toByteArray();
    }

    // ---- constant pool ----------------------------------------------------------------------------

    private int utf8(String s) throws IOException {
        Integer known = constants.get("U" + s);
        if (known != null) {
            return known;
        }
        pool.writeByte(1);
        pool.writeUTF(s);
        return remember("U" + s, 1);
    }

    private int classRef(String internalName) throws IOException {
        Integer known = constants.get("C" + internalName);
        if (known != null) {
            return known;
        }
        int name = utf8(internalName);
        pool.writeByte(7);
        pool.writeShort(name);
        return remember("C" + internalName, 1);
    }

    private int nameAndType(String name, String descriptor) throws IOException {
        String key = "N" + name + ' ' + descriptor;
        Integer known = constants.get(key);
        if (known != null) {
            return known;
        }
        int n = utf8(name);
        int d = utf8(descriptor);
        pool.writeByte(12);
        pool.writeShort(n);
        pool.writeShort(d);
        return remember(key, 1);
    }

    private int fieldRef(String owner, String name, String descriptor) throws IOException {
        return memberRef(9, owner, name, descriptor);
    }

    private int methodRef(String owner, String name, String descriptor, boolean onInterface) throws IOException {
        return memberRef(onInterface ? 11 : 10, owner, name, descriptor);
    }

    private int memberRef(int tag, String owner, String name, String descriptor) throws IOException {
        String key = "M" + tag + owner + '.' + name + descriptor;
        Integer known = constants.get(key);
        if (known != null) {
            return known;
        }
        int c = classRef(owner);
        int nt = nameAndType(name, descriptor);
        pool.writeByte(tag);
        pool.writeShort(c);
        pool.writeShort(nt);
        return remember(key, 1);
    }

    private int integer(int value) throws IOException {
        Integer known = constants.get("I" + value);
        if (known != null) {
            return known;
        }
        pool.writeByte(3);
        pool.writeInt(value);
        return remember("I" + value, 1);
    }

    private int remember(String key, int size) {
        int index = nextConstant;
        nextConstant += size;
        constants.put(key, index);
        return index;
    }

    // ---- types ------------------------------------------------------------------------------------

    static String internal(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    static String descriptor(Method m) {
        StringBuilder d = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            d.append(descriptor(p));
        }
        return d.append(')').append(descriptor(m.getReturnType())).toString();
    }

    private static String descriptor(Class<?> c) {
        if (c.isArray()) {
            return c.getName().replace('.', '/');
        }
        if (!c.isPrimitive()) {
            return "L" + internal(c) + ";";
        }
        if (c == void.class) {
            return "V";
        }
        return String.valueOf(kindOfPrimitive(c));
    }

    private static char kindOfPrimitive(Class<?> c) {
        if (c == int.class) return 'I';
        if (c == long.class) return 'J';
        if (c == boolean.class) return 'Z';
        if (c == byte.class) return 'B';
        if (c == char.class) return 'C';
        if (c == short.class) return 'S';
        if (c == float.class) return 'F';
        return 'D';
    }

    /** The load/store/return family: I (int, boolean, byte, char, short), J, F, D, or A (references). */
    private static char kind(Class<?> c) {
        if (!c.isPrimitive()) {
            return 'A';
        }
        char k = kindOfPrimitive(c);
        return k == 'J' || k == 'F' || k == 'D' ? k : 'I';
    }

    private static int slots(Class<?> c) {
        return c == long.class || c == double.class ? 2 : 1;
    }

    private static int returnOp(char kind) {
        return 0xAC + "IJFDA".indexOf(kind); // ireturn lreturn freturn dreturn areturn
    }

    /** A method's instructions. */
    private final class Code {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Code op(int opcode) {
            bytes.write(opcode);
            return this;
        }

        Code u1(int v) {
            bytes.write(v);
            return this;
        }

        Code u2(int v) {
            bytes.write(v >>> 8);
            bytes.write(v);
            return this;
        }

        int length() {
            return bytes.size();
        }

        void load(char kind, int local) {
            op(0x15 + "IJFDA".indexOf(kind)).u1(local); // iload lload fload dload aload (wide not needed: < 256 locals)
        }

        void store(char kind, int local) {
            op(0x36 + "IJFDA".indexOf(kind)).u1(local); // istore lstore fstore dstore astore
        }

        void pushInt(int value) throws IOException {
            if (value >= -128 && value <= 127) {
                op(0x10).u1(value & 0xFF); // bipush
            } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
                op(0x11).u2(value & 0xFFFF); // sipush
            } else {
                op(0x12 + 1).u2(integer(value)); // ldc_w
            }
        }
    }
}
