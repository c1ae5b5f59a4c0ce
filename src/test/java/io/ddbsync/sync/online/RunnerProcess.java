package io.ddbsync.sync.online;

import io.ddbsync.app.SyncApplication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The application in a JVM of its own, as an operator starts it: the shipped
 * config/application.properties and routes/ with a test's keys added at the end (later keys win),
 * its progress log collected line by line.
 */
public final class RunnerProcess implements AutoCloseable {
    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread drainer;

    private RunnerProcess(Process process) {
        this.process = process;
        drainer = new Thread(this::drain, "runner-output-" + process.pid());
        drainer.setDaemon(true);
        drainer.start();
    }

    /**
     * Writes {@code <name>.properties} in {@code work}: the shipped configuration, then the given
     * lines; and a logback file that shows the progress log (and {@code io.ddbsync.app}) only.
     */
    public static Path configuration(Path work, String name, List<String> testLines) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("config/application.properties")));
        lines.add("");
        lines.add("# the test's settings (later keys win)");
        lines.addAll(testLines);
        Path file = work.resolve(name + ".properties");
        Files.write(file, lines);
        Files.writeString(work.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%msg%n</pattern></encoder></appender>
                  <logger name="io.ddbsync.progress" level="INFO"/>
                  <logger name="io.ddbsync.app" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        return file;
    }

    /** Starts the application with that configuration and the given arguments (none: every schedule). */
    public static RunnerProcess start(Path work, Path config, String... args) throws IOException {
        // Vert.x (the management server) makes its cache directory under this base; a kill -9 leaves it behind
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dvertx.cacheDirBase=" + work.resolve("vertx-cache"), "-Dddbsync.config=" + config,
                "-Dlogback.configurationFile=" + work.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path"), SyncApplication.class.getName()));
        cmd.addAll(List.of(args));
        return new RunnerProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Any command line (the application under another Camel runtime), its output collected the same way. */
    public static RunnerProcess start(ProcessBuilder command) throws IOException {
        return new RunnerProcess(command.redirectErrorStream(true).start());
    }

    public Process process() {
        return process;
    }

    /** Everything it printed so far. */
    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Everything it printed, once it ended (what was still in the pipe when it died included). */
    public String finalOutput() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("the runner has not ended:\n" + output());
        drainer.join(10_000);
        return output();
    }

    /** The lines it printed so far that match. */
    public List<String> lines(Predicate<String> matching) {
        return output().lines().filter(matching).toList();
    }

    /** Waits until at least {@code count} printed lines match; fails with its output if it ends or the time runs out first. */
    public void await(Predicate<String> matching, int count, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (lines(matching).size() < count) {
            if (!process.isAlive()) throw new AssertionError("the runner ended before " + what + ":\n" + output());
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + seconds + " s: " + what + ":\n" + output());
            Thread.sleep(20);
        }
    }

    /** kill -9. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("the runner outlived kill -9");
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }

    /** The non-blank lines of a file (a ledger), none when it does not exist. */
    public static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    /** Waits until the file (a ledger) has at least {@code count} lines; fails with the output if it ends or the time runs out first. */
    public void awaitLines(Path file, int count, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (lines(file).size() < count) {
            if (!process.isAlive()) throw new AssertionError("the runner ended before " + file + " had " + count + " lines:\n" + output());
            if (System.nanoTime() > deadline) throw new AssertionError(file + " had not " + count + " lines within " + seconds + " s:\n" + output());
            Thread.sleep(10);
        }
    }

    private void drain() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
