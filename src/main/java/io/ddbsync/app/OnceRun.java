package io.ddbsync.app;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Setting {@code ddbsync.once=JOB}: run that one job now instead of the schedules, then stop Camel and
 * end the process with the run's outcome as its exit code, in any runtime (the runner's {@code --once
 * JOB} sets it; Camel JBang and Spring Boot take it as a property: README, "Running it"). Ending the
 * process is the point of the setting, so it calls System.exit once the run is over, and the runtime's
 * own shutdown hook (camel-main's and JBang's, Spring's) stops Camel.
 * <p>
 * Exit codes: 0 verified; {@value #EXIT_SOURCE_CHANGED} verified, but the source was written to during
 * the run (SOURCE_CHANGED); {@value #EXIT_REFUSED} refused, another run of the job holds its lock;
 * {@value #EXIT_UNKNOWN_JOB} no route runs a job of that name (the jobs are named); 1 any other failure.
 */
final class OnceRun {
    /** The setting that names the job to run once. */
    static final String SETTING = "ddbsync.once";
    /** No route runs the job named (or no job was named: a usage error). */
    static final int EXIT_UNKNOWN_JOB = 2;
    /** Another run of the job holds its lock. */
    static final int EXIT_REFUSED = 3;
    /** Verified, but the source was written to during the run. */
    static final int EXIT_SOURCE_CHANGED = 4;
    private static final Logger LOG = LoggerFactory.getLogger(OnceRun.class);

    private OnceRun() {
    }

    /** With ddbsync.once set: no schedule fires (none may start another run meanwhile) and the job runs once Camel has started. */
    static void prepare(CamelContext context) {
        Optional<String> job = context.getPropertiesComponent().resolveProperty(SETTING).map(String::trim).filter(s -> !s.isEmpty());
        if (job.isEmpty()) return;
        context.getComponent("quartz", QuartzComponent.class).setAutoStartScheduler(false);
        try {
            context.addStartupListener(runWhenStarted(job.get()));
        } catch (Exception e) {
            throw org.apache.camel.RuntimeCamelException.wrapRuntimeException(e);
        }
    }

    private static ExtendedStartupListener runWhenStarted(String job) {
        return new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // not yet: the routes' consumers start after this
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                // not on Camel's startup thread, which the runtime waits on
                new Thread(() -> exit(run(started, job)), "ddbsync-once-" + job).start();
            }
        };
    }

    /** The exit code of a run that ended with this outcome (null: no report, the run never started). */
    static int exitCode(RunReport.Outcome outcome) {
        if (outcome == null) return 1;
        return switch (outcome) {
            case VERIFIED -> 0;
            case SOURCE_CHANGED -> EXIT_SOURCE_CHANGED;
            case NOT_VERIFIED, FAILED -> 1;
        };
    }

    /** Runs the job through its direct:JOB-run endpoint and returns the exit code of its outcome. */
    private static int run(CamelContext context, String job) {
        try {
            List<String> jobs = jobs(context);
            if (!jobs.contains(job)) {
                System.err.println("No job named '" + job + "': the jobs are " + String.join(", ", jobs));
                return EXIT_UNKNOWN_JOB;
            }
            Exchange done = context.createProducerTemplate().request("direct:" + job + "-run", e -> { });
            String refused = done.getProperty(SyncProperties.REFUSED, String.class);
            if (refused != null) {
                System.err.println("REFUSED: " + refused);
                return EXIT_REFUSED;
            }
            RunReport report = done.getProperty(SyncProperties.REPORT, RunReport.class);
            if (done.getException() != null && report == null) {
                System.err.println("job " + job + " failed: " + done.getException().getMessage());
            }
            return exitCode(report == null ? null : done.getException() != null ? RunReport.Outcome.FAILED : report.outcome());
        } catch (RuntimeException e) {
            System.err.println("job " + job + " failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Ends the process with the code. The runtime's shutdown hook (camel-main's and Camel JBang's
     * hangup interceptor, Spring's context close) then stops Camel gracefully: nothing is in flight any
     * more. Not Camel stopped here first: the runtime would see it stop and end the process on its own,
     * racing this code with its own.
     */
    private static void exit(int code) {
        LOG.info("{}: the run ended, exit code {}", SETTING, code);
        System.exit(code);
    }

    /** The jobs the routes run: each sync template's route starts at direct:JOB-run. */
    private static List<String> jobs(CamelContext context) {
        return context.getRoutes().stream().map(Route::getEndpoint).map(e -> e.getEndpointUri())
                .filter(uri -> uri.startsWith("direct://") && uri.endsWith("-run"))
                .map(uri -> uri.substring("direct://".length(), uri.length() - "-run".length())).sorted().toList();
    }
}
