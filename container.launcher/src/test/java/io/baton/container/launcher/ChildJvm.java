package io.baton.container.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM for the tests: started with stdin closed, its stdout and stderr in files. */
public final class ChildJvm {
    /** A finished child: exit code and what it printed. */
    public static final class Result {
        public final int exit;
        public final String out;
        public final String err;

        Result(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    public final Process process;
    private final Path out;
    private final Path err;

    private ChildJvm(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code java <args>} with this JVM's java, in {@code dir}, printing into {@code dir}. */
    public static ChildJvm start(Path dir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new ChildJvm(p, out, err);
    }

    public String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    public String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits for the child to exit. */
    public Result await(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child did not finish within " + seconds + " s\n--- err\n" + err());
        }
        return new Result(process.exitValue(), out(), err());
    }

    /** Waits until the child prints {@code text} on stdout or stderr; fails if it exits or prints FAILED first. */
    public void awaitText(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!(out().contains(text) || err().contains(text))) {
            if (!process.isAlive() || out().contains("FAILED") || System.nanoTime() > deadline) {
                throw new AssertionError("child never printed '" + text + "'\n--- out\n" + out() + "\n--- err\n" + err());
            }
            Thread.sleep(20);
        }
    }

    /** SIGKILL: no shutdown hook, no framework stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
