package io.baton.container.launcher.internal;

import io.baton.container.launcher.BatonException;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A Gogo {@code CommandSession} driven from outside the framework.
 *
 * <p>The host does not share Gogo's API package with the bundles (Gogo stays an ordinary bundle that
 * can be updated), so the session is reached by reflection on the public interfaces
 * {@code org.apache.felix.service.command.CommandProcessor} and {@code CommandSession}.
 */
public final class GogoSession implements AutoCloseable {
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    /** {@code Converter.INSPECT}: format a result the way the console prints it. */
    private static final int INSPECT = 0;

    private final Object session;
    private final Method execute;
    private final Method format;
    private final Method close;

    /**
     * @param processor the {@code CommandProcessor} service object
     * @param out where commands print; not {@code System.out}, which Gogo itself redirects
     */
    public GogoSession(Object processor, PrintStream out, PrintStream err) {
        try {
            Method create = method(processor, PROCESSOR, "createSession",
                    java.io.InputStream.class, OutputStream.class, OutputStream.class);
            session = create.invoke(processor, new ByteArrayInputStream(new byte[0]), out, err);
            execute = method(session, SESSION, "execute", CharSequence.class);
            format = method(session, SESSION, "format", Object.class, int.class);
            close = method(session, SESSION, "close");
        } catch (ReflectiveOperationException e) {
            throw new BatonException("Cannot open a Gogo session: " + e, e);
        }
    }

    private static Method method(Object target, String interfaceName, String name, Class<?>... types)
            throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            for (Class<?> candidate : type.getInterfaces()) {
                if (candidate.getName().equals(interfaceName)) {
                    return candidate.getMethod(name, types);
                }
            }
        }
        throw new NoSuchMethodException(interfaceName + "." + name + " on " + target.getClass());
    }

    /**
     * Runs one statement.
     *
     * @return its result formatted as the console would print it, or {@code null} for no result
     * @throws Exception what Gogo or the command threw
     */
    public String execute(String statement) throws Exception {
        Object result;
        try {
            result = execute.invoke(session, statement);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
        if (result == null) {
            return null;
        }
        return String.valueOf(format.invoke(session, result, INSPECT));
    }

    /**
     * Gogo's own words for a failure, one line: {@code CommandNotFoundException: Command not found: foo};
     * a reflective wrapper is looked through to what the command threw.
     */
    public static String describe(Throwable failure) {
        Throwable t = failure;
        while (t instanceof InvocationTargetException && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + (newline < 0 ? message : message.substring(0, newline)));
    }

    @Override
    public void close() {
        try {
            close.invoke(session);
        } catch (ReflectiveOperationException ignored) {
            // a session that cannot be closed holds no resource of ours
        }
    }
}
