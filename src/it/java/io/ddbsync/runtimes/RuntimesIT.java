package io.ddbsync.runtimes;

import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.online.RunnerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same routes/ and config/application.properties, run as a user of each runtime runs them (the
 * README's commands, "Running it"), each in its own JVM against two stand-in clusters: the real
 * db1-online job on a Quartz schedule every 2 s, with high availability on (a lock directory), until
 * a run verifies. Then the test's own queries compare the two clusters partition by partition, and
 * it checks what each runtime must have taken from the files: Quartz's properties (the misfire
 * threshold's file), the leadership through the lock directory, the ddbsync_* metrics in the
 * runtime's registry.
 */
class RuntimesIT {
    private static final Predicate<String> VERIFIED = l -> l.contains("OK, every partition verified");
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    /** TLS was meant (ssl): an unknown setting must stop startup in every runtime. */
    private static final String MISSPELT_KEY = "dolphindb.clusters.source.sll";
    private static final String MISSPELT = MISSPELT_KEY + " = true";
    /** db1-online was meant: a key under a name no route runs as a job must stop startup in every runtime. */
    private static final String NO_JOB_KEY = "jobs.db1-onlne.parallel";
    private static final String NO_JOB = NO_JOB_KEY + " = 4";
    private static final String NO_JOB_REFUSED = "Unknown setting " + NO_JOB_KEY + ": no job of that name";

    @TempDir
    Path work;
    private TestCluster source;
    private TestCluster target;
    private SyncedTable table;

    @BeforeEach
    void clusters() throws Exception {
        source = TestCluster.start();
        target = TestCluster.second();
        table = SyncedTable.seed(source, 3, 2_000);
    }

    @AfterEach
    void stop() {
        if (target != null) target.close();
        if (source != null) source.close();
    }

    @Test
    void camelMainRunnerJar() throws Exception {
        int port = freePort();
        Path config = configuration(List.of("camel.management.enabled = true", "camel.management.port = " + port));
        try (RunnerProcess app = RunnerProcess.start(runnerJar(config))) {
            runScheduled(app, "http://127.0.0.1:" + port + "/observe/metrics");
        }
    }

    @Test
    void camelJBang() throws Exception {
        int port = freePort();
        Path config = configuration(List.of("camel.management.enabled = true", "camel.management.port = " + port));
        try (RunnerProcess app = RunnerProcess.start(camelJBang(config))) {
            runScheduled(app, "http://127.0.0.1:" + port + "/observe/metrics");
            // stopped with `camel stop <pid>`: a running job gets camel.main.shutdown-timeout, not the dev profile's 10 s
            Process stop = camelCommand("stop", String.valueOf(app.process().pid())).inheritIO().start();
            assertTrue(stop.waitFor(120, TimeUnit.SECONDS) && app.process().waitFor(120, TimeUnit.SECONDS), "camel stop did not stop it:\n" + app.output());
            assertTrue(eventually(() -> app.output().contains("is shutting down (timeout:5m0s)")),
                    "JBang kept camel.main.shutdown-timeout = 300:\n" + app.output());
        }
    }

    @Test
    void springBootWithLog4j2() throws Exception {
        int port = freePort();
        Path config = configuration(List.of("server.port = " + port,
                "management.endpoints.web.exposure.include = health,prometheus"));
        ProcessBuilder cmd = springBoot(config);
        try (RunnerProcess app = RunnerProcess.start(cmd)) {
            runScheduled(app, "http://127.0.0.1:" + port + "/actuator/prometheus");
            assertEquals(200, get("http://127.0.0.1:" + port + "/actuator/health").statusCode(), "/actuator/health");
            // a Log4j2 application starts and logs through Log4j2: our jar brings no second SLF4J backend
            assertFalse(app.output().contains("multiple SLF4J providers"), app.output());
            assertFalse(app.output().contains("ch.qos.logback"), app.output());
        }
    }

    @Test
    void aMisspeltClusterSettingStopsTheRunnerJar() throws Exception {
        assertRefused(runnerJarWith(MISSPELT), MISSPELT_KEY);
    }

    @Test
    void aMisspeltClusterSettingStopsCamelJBang() throws Exception {
        assertRefused(camelJBangWith(MISSPELT), MISSPELT_KEY);
    }

    @Test
    void aMisspeltClusterSettingStopsSpringBoot() throws Exception {
        assertRefused(springBootWith(MISSPELT), MISSPELT_KEY);
    }

    /** The jobs the settings are checked against are every runtime's own routes' (JobSettings): a misspelt job's key stops each. */
    @Test
    void aKeyUnderNoJobStopsTheRunnerJar() throws Exception {
        assertRefused(runnerJarWith(NO_JOB), NO_JOB_REFUSED);
    }

    @Test
    void aKeyUnderNoJobStopsCamelJBang() throws Exception {
        assertRefused(camelJBangWith(NO_JOB), NO_JOB_REFUSED);
    }

    @Test
    void aKeyUnderNoJobStopsSpringBoot() throws Exception {
        assertRefused(springBootWith(NO_JOB), NO_JOB_REFUSED);
    }

    /** The runner jar with the shipped configuration and one more line. */
    private ProcessBuilder runnerJarWith(String line) throws IOException {
        return runnerJar(configuration(List.of(line)));
    }

    /** Camel JBang with the shipped configuration and one more line (the management server on, as JBang needs it). */
    private ProcessBuilder camelJBangWith(String line) throws Exception {
        return camelJBang(configuration(List.of(line, "camel.management.enabled = true", "camel.management.port = " + freePort())));
    }

    /** The Spring Boot host with the shipped configuration and one more line (its server on a free port). */
    private ProcessBuilder springBootWith(String line) throws Exception {
        return springBoot(configuration(List.of(line, "server.port = " + freePort())));
    }

    /** The application's own settings are checked in Spring Boot too (SyncPlugin, no host code): lockdir for lockDir. */
    @Test
    void aMisspeltRunnerSettingStopsSpringBoot() throws Exception {
        assertRefused(springBootWith("ddbsync.ha.lockdir = " + work.resolve("other-locks")), "ddbsync.ha.lockdir");
    }

    /** java -jar dolphindb-sync-runner.jar --once db1-online: the run's outcome is the exit code. */
    @Test
    void onceWithTheRunnerJar() throws Exception {
        assertOnce(runnerJar(configuration(List.of()), "--once", "db1-online"), 0, VERIFIED);
        table.assertSame(target);
    }

    /** camel run ... --prop=ddbsync.once=db1-online: Camel JBang ends with the run's outcome as its exit code. */
    @Test
    void onceInCamelJBang() throws Exception {
        // the management server on, as under JBang it must be (README, "Running it")
        Path config = configuration(List.of("camel.management.enabled = true", "camel.management.port = " + freePort()));
        assertOnce(camelJBang(config, "--prop=ddbsync.once=db1-online"), 0, VERIFIED);
        table.assertSame(target);
    }

    /** java -jar host.jar --ddbsync.once=db1-online: so does Spring Boot, and a job no route runs ends it with 2. */
    @Test
    void onceInSpringBoot() throws Exception {
        assertOnce(springBoot(configuration(List.of("server.port = " + freePort())), "--ddbsync.once=db1-online"), 0, VERIFIED);
        table.assertSame(target);
        assertOnce(springBoot(configuration(List.of("server.port = " + freePort())), "--ddbsync.once=no-such-job"), 2,
                l -> l.contains("No job named 'no-such-job': the jobs are db1-offline, "));
    }

    @Test
    void plainCamelContextWithTheThinJar() throws Exception {
        // the job runs by hand here; its schedule off, or a fire at the same moment would be refused by the job's lock;
        // no high availability: the application's plugin then changes nothing in the context
        Path config = configuration(List.of("jobs.db1-online.enabled = false", "ddbsync.ha.lockDir ="));
        List<String> classpath = new ArrayList<>(List.of(setting("ddbsync.it.thinJar")));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            // the project's classes come from the jar, not from target/classes
            if (!Path.of(entry).toAbsolutePath().equals(PROJECT.resolve("target/classes"))) classpath.add(entry);
        }
        ProcessBuilder cmd = java("-cp", String.join(java.io.File.pathSeparator, classpath), PlainCamelContextHost.class.getName(),
                config.toString(), "routes", "db1-online");
        try (RunnerProcess app = RunnerProcess.start(cmd)) {
            assertTrue(app.process().waitFor(180, TimeUnit.SECONDS), "the run did not end within 180 s:\n" + app.output());
            assertEquals(0, app.process().exitValue(), app.output());
            assertTrue(app.lines(VERIFIED).size() > 0, app.output());
        }
        table.assertSame(target);
    }

    /** The runtime stops at startup naming the setting, and nothing ran: the target has no such database. */
    private void assertRefused(ProcessBuilder cmd, String key) throws Exception {
        try (RunnerProcess app = RunnerProcess.start(cmd)) {
            assertTrue(app.process().waitFor(180, TimeUnit.SECONDS), "still running with " + key + ":\n" + app.output());
            assertTrue(app.process().exitValue() != 0, "exit code 0 with " + key + ":\n" + app.output());
            assertTrue(eventually(() -> app.output().contains(key)), "the error names the setting:\n" + app.output());
            assertFalse(app.output().contains(" started (online sync"), "a run started:\n" + app.output());
        }
        assertFalse(Boolean.parseBoolean(target.run("existsDatabase('" + table.database() + "')").getString()), "the target was written");
    }

    /** The process ends by itself with that exit code, its output having a line that matches; no schedule fired. */
    private static void assertOnce(ProcessBuilder cmd, int exitCode, Predicate<String> line) throws Exception {
        try (RunnerProcess app = RunnerProcess.start(cmd)) {
            assertTrue(app.process().waitFor(240, TimeUnit.SECONDS), "the run did not end the process within 240 s:\n" + app.output());
            assertEquals(exitCode, app.process().exitValue(), app.output());
            assertTrue(eventually(() -> !app.lines(line).isEmpty()), app.output());
            assertFalse(app.output().contains("schedule fired"), "a schedule fired during the once run:\n" + app.output());
        }
    }

    /** Waits for a verified scheduled run, then checks the clusters and what the runtime took from the files. */
    private void runScheduled(RunnerProcess app, String metricsUrl) throws Exception {
        app.await(VERIFIED, 1, 240, "a verified scheduled run of db1-online");
        table.assertSame(target);
        assertTrue(app.output().contains("Loading Quartz properties file from: file:config/quartz.properties"),
                "Quartz read config/quartz.properties:\n" + app.output());
        assertTrue(app.output().contains("Leadership taken"), "the schedule waited for the leadership:\n" + app.output());
        try (Stream<Path> locks = Files.list(work.resolve("locks"))) {
            assertTrue(locks.findAny().isPresent(), "the file-lock cluster service used the lock directory");
        }
        String metrics = get(metricsUrl).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("ddbsync_runs_total{") && l.contains("outcome=\"verified\"")),
                "ddbsync_runs_total in the runtime's registry at " + metricsUrl + ":\n" + metrics);
    }

    /** The shipped configuration with the test's clusters, state, schedule and lock directory (later keys win). */
    private Path configuration(List<String> extra) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(PROJECT.resolve("config/application.properties")));
        lines.addAll(List.of("",
                "dolphindb.clusters.source.sites = " + source.host() + ":" + source.port(),
                "dolphindb.clusters.source.password = " + source.password(),
                "dolphindb.clusters.target.sites = " + target.host() + ":" + target.port(),
                "dolphindb.clusters.target.password = " + target.password(),
                "ddbsync.stateDir = " + work.resolve("state"),
                "jobs.db1.database = " + table.database(),
                "jobs.db1.targetDatabase = " + table.database(),
                "jobs.db1.window = all",
                "jobs.db1-offline.enabled = false",
                "jobs.db1-online.enabled = true",
                "jobs.db1-online.cron = 0/2 * * * * ?",
                "jobs.db1-online.parallel = 2",
                // the schedule fires every 2 s: later runs find nothing changed and write nothing, so the
                // test's comparison never meets a run clearing a partition to copy it again
                "jobs.db1-online.incremental = true",
                "camel.management.enabled = false",
                "ddbsync.ha.lockDir = " + work.resolve("locks"),
                "ddbsync.ha.nodeId = it",
                "ddbsync.ha.acquireLockInterval = 1"));
        lines.addAll(extra);
        Path file = work.resolve("application.properties");
        Files.write(file, lines);
        return file;
    }

    /** java -jar target/dolphindb-sync-runner.jar [arguments], its configuration elsewhere (DDBSYNC_CONFIG) */
    private static ProcessBuilder runnerJar(Path config, String... args) {
        List<String> cmd = new ArrayList<>(List.of("-jar", setting("ddbsync.it.runnerJar")));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = java(cmd.toArray(new String[0]));
        builder.environment().put("DDBSYNC_CONFIG", config.toString());
        return builder;
    }

    /** A JVM started in the project directory (routes/ and config/ relative to it, as the README says). */
    private static ProcessBuilder java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(PROJECT.toFile());
    }

    /** camel run config/application.properties --dep=io.ddbsync:dolphindb-sync:<version> --profile=prod [more options] */
    private static ProcessBuilder camelJBang(Path config, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", config.toString(), "--dep=" + setting("ddbsync.it.artifact"), "--profile=prod",
                "--logging-color=false"));
        args.addAll(List.of(options));
        return camelCommand(args.toArray(new String[0]));
    }

    /** The `camel` command: camel-jbang-core's classpath (written by src/it/jbang through the invoker) and our launcher. */
    private static ProcessBuilder camelCommand(String... args) throws IOException {
        String classpath = Files.readString(Path.of(setting("ddbsync.it.jbangClasspath"))).trim();
        List<String> cmd = new ArrayList<>(List.of("-cp", classpath, PROJECT.resolve("src/it/jbang/CamelJBang.java").toString()));
        cmd.addAll(List.of(args));
        return java(cmd.toArray(new String[0]));
    }

    /**
     * The Spring Boot host the invoker built from src/it/spring-boot, its configuration file named by
     * DDBSYNC_CONFIG (its application.properties gives the file to Spring and to Camel), as with the
     * runner jar; more arguments after it (Spring's --key=value).
     */
    private static ProcessBuilder springBoot(Path config, String... args) {
        List<String> cmd = new ArrayList<>(List.of("-jar", Path.of(setting("ddbsync.it.dir"), "spring-boot", "target", "spring-boot-host.jar").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = java(cmd.toArray(new String[0]));
        builder.environment().put("DDBSYNC_CONFIG", config.toString());
        return builder;
    }

    private static String setting(String key) {
        String value = System.getProperty(key);
        if (value == null) throw new IllegalStateException("System property " + key + " is not set: run the ITs with mvn verify (failsafe sets it)");
        return value;
    }

    /** The output of an ended process may still be on its way through the pipe: up to 10 s. */
    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(50);
        }
        return true;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
