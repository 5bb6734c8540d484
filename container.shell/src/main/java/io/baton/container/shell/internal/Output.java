package io.baton.container.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.baton.container.core.TargetInfo;
import org.apache.felix.service.command.CommandSession;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every command prints: its result as JSON for scripts ({@code --json}), or as text for people.
 * Gogo reads flags from each command method's own parameters, so each command declares {@code --json}
 * with the constants here; how a result is written is decided once, here.
 */
public final class Output {
    /** The flag's name, for {@code @Parameter(names = Output.JSON, ...)}. */
    static final String JSON = "--json";
    /** The flag's description. */
    static final String JSON_HELP = "print JSON for scripts";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {}

    /** @return {@code value} as JSON if asked, else as {@code text} writes it */
    static <T> String of(boolean json, T value, Function<T, String> text) {
        return json ? json(value) : text.apply(value);
    }

    /**
     * The result of a command whose outcome may be a failure (a swap REFUSED or ABORTED, a rollback
     * FAILED): on success, as {@link #of}; on failure the result is printed all the same (to the
     * session's output, where scripts read it) and the command fails with the one-line cause, so that
     * {@code ctl} and {@code exec} exit 1 and print the cause on stderr.
     *
     * @param failure the one-line cause, or null for a success
     */
    static <T> String outcome(CommandSession session, boolean json, T value, Function<T, String> text, String failure) {
        String out = of(json, value, text);
        if (failure == null) {
            return out;
        }
        session.getConsole().print(out.endsWith("\n") ? out : out + "\n");
        session.getConsole().flush();
        throw new Failed(failure);
    }

    /** A command's outcome was a failure; the message is its one-line cause. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String cause) {
            super(cause, null, false, false); // no stack trace: the cause is the whole story
        }
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** @return {@code bsn: from -> to; ...} */
    public static String targets(List<TargetInfo> targets) {
        return targets.stream().map(t -> t.symbolicName + ": " + t.fromVersion + " -> " + t.toVersion).collect(Collectors.joining("; "));
    }
}
