package io.baton.fleet.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar baton.jar ARGS} as a child process, stdin closed, output in files of {@code dir}. */
final class Child {
    static final String JAR = System.getProperty("baton.jar");

    final Process process;
    private final Path out;
    private final Path err;

    private Child(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static Child start(Path dir, String name, List<String> args) throws IOException {
        return start(dir, name, args, Map.of());
    }

    /** @param env variables added to the child's environment */
    static Child start(Path dir, String name, List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR));
        command.addAll(args);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Child(p, out, err);
    }

    /** Runs to the end (bounded) and returns the exit code; output in {@link #out()} and {@link #err()}. */
    static Child run(Path dir, String name, List<String> args) throws Exception {
        return run(dir, name, args, Map.of());
    }

    static Child run(Path dir, String name, List<String> args, Map<String, String> env) throws Exception {
        return run(dir, name, args, env, 120);
    }

    static Child run(Path dir, String name, List<String> args, Map<String, String> env, int seconds) throws Exception {
        Child c = start(dir, name, args, env);
        if (!c.process.waitFor(seconds, TimeUnit.SECONDS)) {
            c.process.destroyForcibly();
            throw new AssertionError(name + " did not finish within " + seconds + " s\n" + c);
        }
        return c;
    }

    int exit() {
        return process.exitValue();
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        try {
            return "exit " + (process.isAlive() ? "(running)" : exit()) + "\n--- out\n" + out() + "\n--- err\n" + err();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
