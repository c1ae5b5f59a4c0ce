package io.ddbsync.app;

import com.xxdb.DBConnection;
import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/** /observe/metrics counts runs, rows and last successes per job; /observe/health turns DOWN while a job's last run failed. */
class ObservabilityTest {

    /**
     * HTTP/1.1 (no h2c upgrade attempt) and a bounded wait: a GET once hung for good in a full run on
     * a loaded machine, the request taken and never answered; a slow answer now fails the test instead.
     */
    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(java.time.Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    /** The settings with camel-main's management server (/observe/metrics, /observe/health) on that port. */
    private static Properties withManagementServer(Properties p, int port) {
        p.setProperty("camel.management.enabled", "true");
        p.setProperty("camel.management.port", String.valueOf(port));
        return p;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void runsShowInMetricsAndHealth(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (TestCluster source = TestCluster.start(); TestCluster target = TestCluster.second()) {
            DBConnection c = source.connect();
            c.run("db = database('dfs://db1', VALUE, 2024.01.01..2024.01.02)\n"
                    + "db.createPartitionedTable(table(1:0, `Timestamp`v, [TIMESTAMP, INT]), `mt, `Timestamp)\n"
                    + "tableInsert(loadTable('dfs://db1', 'mt'), table([2024.01.01T10:00:00.000, 2024.01.02T10:00:00.000] as Timestamp, 1 2 as v))");
            c.close();
            Properties p = withManagementServer(OfflineTestTables.sharedLegSettings(source, target, dir, "all"), port);
            try (SyncRunner runner = SyncRunner.start(p)) {
                assertNull(runner.run("db1-offline-shared").getException());
                String metrics = get(port, "/observe/metrics");
                assertTrue(metrics.contains("ddbsync_runs_total{job=\"db1-offline-shared\",mode=\"offline\",outcome=\"verified\"} 1.0"), metrics);
                assertTrue(metrics.contains("ddbsync_rows_verified_total{job=\"db1-offline-shared\",mode=\"offline\"} 2.0"), metrics);
                assertTrue(metrics.contains("ddbsync_last_verified_seconds{job=\"db1-offline-shared\"}"), metrics);
                String healthy = get(port, "/observe/health?data=true");
                assertTrue(healthy.contains("\"status\": \"UP\"") || healthy.contains("\"status\":\"UP\""), healthy);
                assertTrue(healthy.contains("db1-offline-shared.outcome"), healthy);

                DBConnection d = source.connect();
                d.run("dropTable(database('dfs://db1'), 'mt')");
                d.close();
                assertNotNull(runner.run("db1-offline-shared").getException());
                String failing = get(port, "/observe/health?data=true");
                assertTrue(failing.contains("DOWN"), failing);
                assertTrue(failing.contains("failed:"), failing);
                assertTrue(get(port, "/observe/metrics").contains("outcome=\"failed\"} 1.0"));
            }
        }
    }

    @Test
    void aRunnerThatSharesALeadershipSaysWhetherItLeads(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (TestCluster source = TestCluster.start(); TestCluster target = TestCluster.second()) {
            Properties p = withManagementServer(SyncRunner.clusters(source, target), port);
            p.setProperty("ddbsync.ha.lockDir", dir.resolve("locks").toString());
            p.setProperty("ddbsync.ha.nodeId", "only-runner");
            p.setProperty("ddbsync.ha.acquireLockInterval", "1");
            try (SyncRunner runner = SyncRunner.start(p)) {
                // alone, it takes the lock within a few intervals
                String health = "";
                for (int i = 0; i < 200 && !health.contains("\"leader\""); i++) {
                    Thread.sleep(100);
                    health = get(port, "/observe/health?data=true");
                }
                assertTrue(health.contains("\"leadership\": \"leader\"") || health.contains("\"leadership\":\"leader\""), health);
                String metrics = get(port, "/observe/metrics");
                assertTrue(metrics.contains("ddbsync_leader{node=\"only-runner\"} 1.0"), metrics);
                // every schedule follows the leadership
                String schedule = runner.context().getRoute("db1-online-schedule").getEndpoint().getEndpointUri();
                assertTrue(schedule.startsWith("master:") && schedule.contains("ddbsync") && schedule.contains("quartz"), schedule);
            }
        }
    }

    /**
     * Camel's exchange meters count an exchange a route made (it has a routeId) and one a
     * ProducerTemplate sent from outside any route (a job's table listing, a --once run: none) under
     * the same name: Prometheus takes one set of tag keys per name, and refused whichever came second.
     */
    @Test
    void exchangesFromRoutesAndFromTemplatesAreBothCounted() throws Exception {
        int port = freePort();
        try (TestCluster source = TestCluster.start(); TestCluster target = TestCluster.second()) {
            Properties p = withManagementServer(SyncRunner.clusters(source, target), port);
            java.util.concurrent.CountDownLatch routed = new java.util.concurrent.CountDownLatch(1);
            try (SyncRunner runner = SyncRunner.start(p, false, context -> {
                try {
                    context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                        @Override
                        public void configure() {
                            from("timer:meters?repeatCount=1").routeId("meters").to("log:fromRoute").process(e -> routed.countDown());
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })) {
                assertTrue(routed.await(60, java.util.concurrent.TimeUnit.SECONDS), "the route's exchange went through");
                runner.context().createProducerTemplate().sendBody("log:fromTemplate", "outside any route");
                String metrics = get(port, "/observe/metrics");
                java.util.List<String> sent = metrics.lines().filter(l -> l.startsWith("camel_exchange_event_notifier") && l.contains("ExchangeSentEvent")).toList();
                assertTrue(sent.stream().anyMatch(l -> l.contains("endpointName=\"log://fromRoute\"") && l.contains("routeId=\"meters\"")), metrics);
                assertTrue(sent.stream().anyMatch(l -> l.contains("endpointName=\"log://fromTemplate\"")), metrics);
            }
        }
    }

    /** A run refused because another holds the job's lock is counted, as refused: runs that keep overlapping show. */
    @Test
    void aRefusedRunIsCounted(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (TestCluster source = TestCluster.start(); TestCluster target = TestCluster.second()) {
            Properties p = withManagementServer(SyncRunner.clusters(source, target), port);
            p.setProperty("ddbsync.stateDir", dir.resolve("state").toString());
            try (SyncRunner runner = SyncRunner.start(p);
                 io.ddbsync.sync.state.JobLock held = io.ddbsync.sync.state.JobLock.acquire(dir.resolve("state/locks"), "db1-online")) {
                assertNotNull(runner.run("db1-online").getProperty(io.ddbsync.sync.run.SyncProperties.REFUSED), "the run was refused");
                String metrics = get(port, "/observe/metrics");
                assertTrue(metrics.contains("ddbsync_runs_total{job=\"db1-online\",mode=\"online\",outcome=\"refused\"} 1.0"), metrics);
                assertFalse(metrics.contains("job=\"db1-online\",mode=\"online\",outcome=\"failed\""), "a refusal is not a failure:\n" + metrics);
            }
        }
    }
}
