package io.ddbsync.app;

import io.ddbsync.sync.state.JobLock;
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
 * {@code --once JOB} sets {@code ddbsync.once=JOB}, which the application honours in any runtime
 * ({@link OnceRun}). With it, a job name no route runs exits {@value #EXIT_UNKNOWN_JOB} at once,
 * naming the jobs there are; a run refused because the job is already running elsewhere (its lock, {@link JobLock})
 * exits {@value #EXIT_REFUSED}; a run that verified every partition but saw the source written to
 * some during it (SOURCE_CHANGED: the target holds them as they were before) exits
 * {@value #EXIT_SOURCE_CHANGED}; any other failure exits 1. {@code --once} with no job name after
 * it is a usage error: it exits {@value #EXIT_USAGE} before anything starts.
 */
public final class SyncApplication {
    /** --once of a job no route runs. */
    public static final int EXIT_UNKNOWN_JOB = OnceRun.EXIT_UNKNOWN_JOB;
    /** --once refused: another run of the job holds its lock. */
    public static final int EXIT_REFUSED = OnceRun.EXIT_REFUSED;
    /** --once of a run that ended SOURCE_CHANGED: verified, but the source was written during it. */
    public static final int EXIT_SOURCE_CHANGED = OnceRun.EXIT_SOURCE_CHANGED;
    /** Wrong command line (--once without a job name): the same code as an unknown job, as both name no job to run. */
    public static final int EXIT_USAGE = 2;
    private static final String USAGE = "usage: java -jar dolphindb-sync-runner.jar [--once JOB] [camel-main options]";

    private SyncApplication() {
    }

    public static void main(String[] args) throws Exception {
        useLogbackConfiguration();
        String once = null;
        List<String> camelArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--once")) {
                camelArgs.add(args[i]);
                continue;
            }
            // a job name never starts with '-': "--once --foo" lost its name too
            if (i + 1 == args.length || args[i + 1].startsWith("-")) {
                System.err.println("--once needs the name of the job to run after it\n" + USAGE);
                System.exit(EXIT_USAGE);
            }
            once = args[++i];
        }
        Main main = create(once != null);
        // the run and the exit with its code are the application's in any runtime (OnceRun, through SyncPlugin)
        if (once != null) main.addOverrideProperty(OnceRun.SETTING, once);
        main.run(camelArgs.toArray(new String[0]));
        // back here with --once only when Camel did not start (the job never ran): a run that ended called System.exit
        if (once != null) System.exit(1);
    }

    /**
     * A camel-main set up with the project's configuration. Everything else is in that file (where
     * the routes are, Quartz's properties) or comes with the jar in any runtime (high availability,
     * the settings' checks, ddbsync.once: {@link SyncPlugin}), so Camel JBang and Spring Boot run the
     * same application from it.
     */
    public static Main create(boolean schedulesOff) {
        Main main = new Main();
        Path config = configFile();
        if (!Files.exists(config)) {
            throw new IllegalStateException("No configuration at " + config.toAbsolutePath()
                    + " (run from the project directory, or set DDBSYNC_CONFIG)");
        }
        main.setPropertyPlaceholderLocations("file:" + config);
        // before camel-main binds camel.component.* (autoconfiguration), which would quote a secret it cannot resolve
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport configured) {
                SecretSettings.checkComponentOptions(configured.getCamelContext());
            }
        });
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
}
