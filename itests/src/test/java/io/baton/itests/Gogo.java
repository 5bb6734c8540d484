package io.baton.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** Runs commands in a real Gogo session, as an operator types them; the container's own log (stderr) kept apart. */
final class Gogo {
    private final CommandProcessor processor;

    Gogo(CommandProcessor processor) {
        this.processor = processor;
    }

    /** @return what the command printed, then its result */
    String run(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, err)) {
            Object result = session.execute(command);
            return bytes.toString(StandardCharsets.UTF_8) + (result == null ? "" : String.valueOf(result));
        }
    }

    /** @return the message of the {@link IllegalArgumentException} the command failed with, which holds every fragment */
    String fails(String command, String... fragments) throws Exception {
        try {
            run(command);
        } catch (IllegalArgumentException e) {
            for (String f : fragments) {
                assertTrue("'" + f + "' in: " + e.getMessage(), e.getMessage().contains(f));
            }
            return e.getMessage();
        }
        fail(command + " must fail");
        return null;
    }
}
