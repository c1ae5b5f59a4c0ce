package io.ddbsync.app;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncRuns;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Health of the jobs, at /observe/health: DOWN while the last run of some job failed or did not
 * verify; else UNKNOWN while the last run of some job ended SOURCE_CHANGED (every partition
 * verified, but the source was written to some during the run, so the target's equality with it is
 * not known: the next run tells); UP otherwise. Each job's last run, outcome and error are in the
 * details. With several
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
        boolean down = false;
        boolean unknown = false;
        for (Map.Entry<String, RunReport> e : runs.lastRuns().entrySet()) {
            RunReport r = e.getValue();
            RunReport.Outcome outcome = r.outcome();
            builder.detail(e.getKey() + ".lastRun", r.runId());
            builder.detail(e.getKey() + ".outcome", switch (outcome) {
                case VERIFIED -> "verified";
                case SOURCE_CHANGED -> "source changed: partitions " + String.join(", ", r.sourceWritten().keySet())
                        + " were written on the source during the run; the target holds them as they were before";
                case NOT_VERIFIED -> "not verified";
                case FAILED -> "failed: " + r.error();
            });
            down |= outcome == RunReport.Outcome.FAILED || outcome == RunReport.Outcome.NOT_VERIFIED;
            unknown |= outcome == RunReport.Outcome.SOURCE_CHANGED;
        }
        if (down) builder.down();
        else if (unknown) builder.unknown();
    }
}
