package io.ddbsync.app;

import io.ddbsync.sync.RunReport;
import io.ddbsync.sync.SyncRuns;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Health of the jobs, at /observe/health: DOWN while the last run of some job failed or did not
 * verify, with each job's last run, outcome and error in the details; UP otherwise. With several
 * runners sharing a leadership (HighAvailability), the details also say whether this one leads. It is not a
 * liveness or readiness check: a failed sync is something to alert on, not a reason to restart.
 */
public class JobsHealthCheck extends AbstractHealthCheck {

    public JobsHealthCheck() {
        super("ddbsync", "jobs");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        SyncRuns runs = getCamelContext().getRegistry().lookupByNameAndType("syncRuns", SyncRuns.class);
        builder.up();
        // with several runners (HighAvailability): whether this one leads
        getCamelContext().hasServices(CamelClusterService.class).stream().findFirst()
                .ifPresent(cluster -> builder.detail("leadership", HighAvailability.leadership(cluster)));
        if (runs == null) return;
        for (Map.Entry<String, RunReport> e : runs.lastRuns().entrySet()) {
            RunReport r = e.getValue();
            String outcome = r.succeeded() ? "verified" : r.error() != null ? "failed: " + r.error() : "not verified";
            builder.detail(e.getKey() + ".lastRun", r.runId());
            builder.detail(e.getKey() + ".outcome", outcome);
            if (!r.succeeded()) builder.down();
        }
    }
}
