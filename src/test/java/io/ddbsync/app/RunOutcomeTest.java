package io.ddbsync.app;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncRuns;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A run that verified every partition but saw the source written to some during it ends
 * SOURCE_CHANGED, apart from OK and FAILED everywhere it shows: its report never says OK, it has its
 * own metric label, the jobs' health is UNKNOWN (not UP, not DOWN), and --once exits 4 (0 OK, 1 failed, 2 unknown job, 3 refused).
 */
class RunOutcomeTest {

    /** A finished run of job "j" with two verified partitions, the second written on the source after its copy when moved. */
    private static RunReport finishedRun(DefaultCamelContext context, SyncRuns runs, boolean moved) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        RunReport report = runs.start(exchange, "j", "online", "all");
        report.partition(new RunReport.PartitionResult("/20240101", "created", 10, 10, "aa", "aa", 100, 1));
        report.partition(new RunReport.PartitionResult("/20240102", "created", 10, 10, "bb", "bb", 100, 1));
        if (moved) report.sourceWritten("/20240102", "written on the source during the run: the source now has 11 rows, the target holds 10 rows");
        runs.finish(exchange);
        return report;
    }

    private static HealthCheck.Result health(DefaultCamelContext context) {
        JobsHealthCheck check = new JobsHealthCheck();
        check.setCamelContext(context);
        return check.call(Map.of());
    }

    @Test
    void aSourceWrittenDuringTheRunIsItsOwnOutcome() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            SyncRuns runs = new SyncRuns();
            MeterRegistry metrics = new SimpleMeterRegistry();
            context.getRegistry().bind("syncRuns", runs);
            context.getRegistry().bind("metricsRegistry", metrics);
            context.start();

            RunReport ok = finishedRun(context, runs, false);
            assertEquals(RunReport.Outcome.VERIFIED, ok.outcome());
            assertTrue(ok.render().contains("OK, every partition verified") && ok.render().contains("checksums equal"), ok::render);
            assertEquals(HealthCheck.State.UP, health(context).getState());

            RunReport moved = finishedRun(context, runs, true);
            assertEquals(RunReport.Outcome.SOURCE_CHANGED, moved.outcome());
            assertFalse(moved.succeeded());
            String text = moved.render();
            assertFalse(text.contains("OK") || text.contains("checksums equal\n") || text.contains("checksums equal\r"), text);
            assertTrue(text.contains("SOURCE CHANGED, 1 partitions written on the source during the run differ from it now"), text);
            assertTrue(text.contains("source changed: /20240102 written on the source during the run"), text);
            assertTrue(text.lines().anyMatch(l -> l.startsWith("  /20240102") && l.endsWith("SOURCE CHANGED")), text);
            assertTrue(text.lines().anyMatch(l -> l.startsWith("  /20240101") && l.endsWith("yes")), text);

            HealthCheck.Result health = health(context);
            assertEquals(HealthCheck.State.UNKNOWN, health.getState());
            assertTrue(String.valueOf(health.getDetails().get("j.outcome")).startsWith("source changed: partitions /20240102"), health.getDetails()::toString);

            assertEquals(1.0, metrics.counter("ddbsync.runs", "job", "j", "mode", "online", "outcome", "verified").count());
            assertEquals(1.0, metrics.counter("ddbsync.runs", "job", "j", "mode", "online", "outcome", "source_changed").count());
            assertEquals(0.0, metrics.counter("ddbsync.runs", "job", "j", "mode", "online", "outcome", "failed").count());
        }
    }

    @Test
    void onceExitsWithTheOutcome() {
        assertEquals(0, OnceRun.exitCode(RunReport.Outcome.VERIFIED));
        assertEquals(1, OnceRun.exitCode(RunReport.Outcome.FAILED));
        assertEquals(1, OnceRun.exitCode(RunReport.Outcome.NOT_VERIFIED));
        assertEquals(4, OnceRun.exitCode(RunReport.Outcome.SOURCE_CHANGED));
        assertEquals(1, OnceRun.exitCode(null), "no report: the run never started");
    }
}
