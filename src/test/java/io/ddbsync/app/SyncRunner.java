package io.ddbsync.app;

import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

import java.util.Map;
import java.util.Properties;

/**
 * The real application (config/application.properties and every YAML file in routes/) pointed at
 * test clusters by override properties, started in-process with schedules off, running jobs on demand
 * as --once does. Used by the end-to-end tests and the demo.
 */
public final class SyncRunner implements AutoCloseable {
    private final Main main;

    private SyncRunner(Main main) {
        this.main = main;
    }

    /** Overrides that point the source and target clusters at two test clusters. */
    public static Properties clusters(TestCluster source, TestCluster target) {
        Properties p = new Properties();
        // no HTTP management server in tests (ObservabilityTest turns it on, on a free port)
        p.setProperty("camel.management.enabled", "false");
        p.setProperty("dolphindb.clusters.source.sites", source.host() + ":" + source.port());
        p.setProperty("dolphindb.clusters.source.user", source.user());
        p.setProperty("dolphindb.clusters.source.password", source.password());
        p.setProperty("dolphindb.clusters.target.sites", target.host() + ":" + target.port());
        p.setProperty("dolphindb.clusters.target.user", target.user());
        p.setProperty("dolphindb.clusters.target.password", target.password());
        return p;
    }

    public static SyncRunner start(Properties overrides) throws Exception {
        return start(overrides, false);
    }

    /** With {@code schedules}, the Quartz schedules of enabled jobs fire as in production. */
    public static SyncRunner start(Properties overrides, boolean schedules) throws Exception {
        return start(overrides, schedules, context -> { });
    }

    /** {@code configure} sees the CamelContext before its routes are created (to add route policies, say). */
    public static SyncRunner start(Properties overrides, boolean schedules, java.util.function.Consumer<CamelContext> configure) throws Exception {
        Main main = SyncApplication.create(!schedules);
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void beforeConfigure(org.apache.camel.main.BaseMainSupport m) {
                configure.accept(m.getCamelContext());
            }
        });
        for (Map.Entry<Object, Object> e : overrides.entrySet()) main.addOverrideProperty((String) e.getKey(), (String) e.getValue());
        main.start();
        return new SyncRunner(main);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Runs a job through direct:JOB-run; the exchange carries the run report and any failure. */
    public Exchange run(String job) {
        return context().createProducerTemplate().request("direct:" + job + "-run", e -> { });
    }

    /** Runs a job and expects it to succeed: no failure on the exchange, and a report that says so (shown when it does not). */
    public RunReport runSucceeding(String job) {
        Exchange done = run(job);
        org.junit.jupiter.api.Assertions.assertNull(done.getException(), () -> String.valueOf(done.getException()));
        RunReport report = report(done);
        org.junit.jupiter.api.Assertions.assertTrue(report.succeeded(), report::render);
        return report;
    }

    public static RunReport report(Exchange done) {
        return done.getProperty(SyncProperties.REPORT, RunReport.class);
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
