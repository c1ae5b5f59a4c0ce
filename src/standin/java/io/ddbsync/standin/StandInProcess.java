package io.ddbsync.standin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A stand-in in its own JVM, started with the launcher's command line, for tests that kill it. */
public final class StandInProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private StandInProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * A stand-in process compiles with C1 alone. Its JVM is cold for the short runs tests and
     * benchmarks make, where DolphinDB, compiled ahead of time, has no warm-up: on a loaded
     * machine C2's compilations cost more CPU than they save. Measured (BackupCycleBenchmark, one
     * cold round, load 11 to 16): a checksum scan of 2,000 partitions 4.2 and 7.2 s with C2, 2.2
     * and 1.3 s without; restoreDB 4.1 and 5.1 s against 1.8 and 0.8 s. A caller's own
     * {@code -XX:TieredStopAtLevel=4} comes later on the command line and wins (StandInBenchmark,
     * which measures throughput after a warm-up, passes it).
     */
    static final String QUICK_COMPILER_ONLY = "-XX:TieredStopAtLevel=1";

    /** Starts a stand-in in a JVM of its own with these options ({@code -Xmx512m} when none) after {@link #QUICK_COMPILER_ONLY}. */
    public static StandInProcess start(Path dataDir, int port, String... jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(QUICK_COMPILER_ONLY);
        cmd.addAll(jvmOptions.length == 0 ? List.of("-Xmx512m") : List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StandInServer.class.getName(),
                "--port", String.valueOf(port), "--data", dataDir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("stand-in listening on 127.0.0.1:")) {
                int bound = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new StandInProcess(p, bound);
            }
        }
        throw new IOException("the stand-in process ended before it was ready, exit " + p.exitValue());
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** kill -9. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("the stand-in did not stop on SIGTERM");
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
