package io.ddbsync.app;

import io.ddbsync.sync.state.JobLock;
import io.ddbsync.sync.run.RunReport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The camel-main entry point: loads config/application.properties from the working directory
 * (DDBSYNC_CONFIG or -Dddbsync.config points elsewhere), which names the YAML routes
 * (camel.main.routes-include-pattern), and runs the jobs on their schedules.
 *
 * <pre>
 * java -jar dolphindb-sync-runner.jar                 run every job on its schedule until stopped
 * java -jar dolphindb-sync-runner.jar --once JOB      run one job now, print its report, exit 0 if it verified
 * </pre>
 * With --once, a job name no route runs exits {@value #EXIT_UNKNOWN_JOB} at once, naming the jobs
 * there are; a run refused because the job is already running elsewhere (its lock, {@link JobLock})
 * exits {@value #EXIT_REFUSED}; a run that verified every partition but saw the source written to
 * some during it (SOURCE_CHANGED: the target holds them as they were before) exits
 * {@value #EXIT_SOURCE_CHANGED}; any other failure exits 1.
 */
public final class SyncApplication {
    /** --once of a job no route runs. */
    public static final int EXIT_UNKNOWN_JOB = 2;
    /** --once refused: another run of the job holds its lock. */
    public static final int EXIT_REFUSED = 3;
    /** --once of a run that ended SOURCE_CHANGED: verified, but the source was written during it. */
    public static final int EXIT_SOURCE_CHANGED = 4;

    private SyncApplication() {
    }

    public static void main(String[] args) throws Exception {
        useLogbackConfiguration();
        String once = null;
        List<String> camelArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--once") && i + 1 < args.length) once = args[++i];
            else camelArgs.add(args[i]);
        }
        Main main = create(once != null);
        if (once == null) {
            main.run(camelArgs.toArray(new String[0]));
            return;
        }
        OnceRunner runner = new OnceRunner(once);
        main.addMainListener(runner);
        main.run(camelArgs.toArray(new String[0]));
        System.exit(runner.exitCode);
    }

    /** The exit code of a --once run that ended with this outcome (null: no report, the run never started). */
    static int exitCode(RunReport.Outcome outcome) {
        if (outcome == null) return 1;
        return switch (outcome) {
            case VERIFIED -> 0;
            case SOURCE_CHANGED -> EXIT_SOURCE_CHANGED;
            case NOT_VERIFIED, FAILED -> 1;
        };
    }

    /**
     * A camel-main set up with the project's configuration. Everything else (where the routes are,
     * Quartz's properties, high availability) is in that file, so Camel JBang and Spring Boot run
     * the same application from it.
     */
    public static Main create(boolean schedulesOff) {
        Main main = new Main();
        Path config = configFile();
        if (!Files.exists(config)) {
            throw new IllegalStateException("No configuration at " + config.toAbsolutePath()
                    + " (run from the project directory, or set DDBSYNC_CONFIG)");
        }
        main.setPropertyPlaceholderLocations("file:" + config);
        // one job run by hand: no schedule may start another run meanwhile
        if (schedulesOff) main.addInitialProperty("camel.component.quartz.auto-start-scheduler", "false");
        return main;
    }

    private static Path configFile() {
        return Path.of(setting("ddbsync.config", "DDBSYNC_CONFIG", "config/application.properties"));
    }

    /**
     * The runner's logging: logback.xml next to the configuration file unless
     * -Dlogback.configurationFile says otherwise (the runner jar carries a copy as its default);
     * the library jar forces no logging configuration on a host runtime.
     */
    private static void useLogbackConfiguration() {
        Path logback = configFile().toAbsolutePath().resolveSibling("logback.xml");
        if (System.getProperty("logback.configurationFile") == null && Files.exists(logback)) {
            System.setProperty("logback.configurationFile", logback.toString());
        }
    }

    private static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) v = System.getenv(env);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Runs one job through its direct:JOB-run endpoint once Camel has started, then stops Camel. */
    private static final class OnceRunner extends MainListenerSupport {
        private final String job;
        private volatile int exitCode = 1;

        OnceRunner(String job) {
            this.job = job;
        }

        @Override
        public void afterStart(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            Thread t = new Thread(() -> {
                try {
                    List<String> jobs = jobs(context);
                    if (!jobs.contains(job)) {
                        System.err.println("No job named '" + job + "': the jobs are " + String.join(", ", jobs));
                        exitCode = EXIT_UNKNOWN_JOB;
                        return;
                    }
                    Exchange done = context.createProducerTemplate().request("direct:" + job + "-run", e -> { });
                    RunReport report = done.getProperty(io.ddbsync.sync.run.SyncProperties.REPORT, RunReport.class);
                    String refused = done.getProperty(io.ddbsync.sync.run.SyncProperties.REFUSED, String.class);
                    if (refused != null) {
                        System.err.println("REFUSED: " + refused);
                        exitCode = EXIT_REFUSED;
                        return;
                    }
                    exitCode = exitCode(report == null ? null : done.getException() != null ? RunReport.Outcome.FAILED : report.outcome());
                    if (done.getException() != null && report == null) {
                        System.err.println("job " + job + " failed: " + done.getException().getMessage());
                    }
                } finally {
                    ((Main) main).completed();
                }
            }, "ddbsync-once-" + job);
            t.start();
        }

        /** The jobs the routes run: each sync template's route starts at direct:JOB-run. */
        private static List<String> jobs(CamelContext context) {
            return context.getRoutes().stream().map(Route::getEndpoint).map(e -> e.getEndpointUri())
                    .filter(uri -> uri.startsWith("direct://") && uri.endsWith("-run"))
                    .map(uri -> uri.substring("direct://".length(), uri.length() - "-run".length())).sorted().toList();
        }
    }
}
