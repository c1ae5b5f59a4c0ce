package io.ddbsync.app;

import com.xxdb.DBConnection;
import io.ddbsync.standin.TestCluster;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A schedule never runs a job while its previous run is still going, and a fire missed meanwhile is
 * skipped, not run late (config/quartz.properties' misfire threshold, the schedules' misfireInstruction=2).
 */
class ScheduleTest {

    @Test
    void aTriggerFiringDuringASlowRunDoesNotStartASecondRun(@TempDir Path dir) throws Exception {
        try (TestCluster source = TestCluster.start(); TestCluster target = TestCluster.second()) {
            Properties p = offlineSharedOnSchedule(source, target, dir, "0/1 * * * * ?");

            AtomicInteger running = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            AtomicInteger started = new AtomicInteger();
            java.util.List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch secondRunDone = new CountDownLatch(2);
            RoutePolicySupport counting = new RoutePolicySupport() {
                    @Override
                    public void onExchangeBegin(Route route, Exchange exchange) {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        starts.add(System.nanoTime());
                        if (started.incrementAndGet() == 1) {
                            // the first run is slow: the schedule fires three more times meanwhile
                            try {
                                Thread.sleep(3200);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }

                    @Override
                    public void onExchangeDone(Route route, Exchange exchange) {
                        running.decrementAndGet();
                        secondRunDone.countDown();
                    }
                };
            try (SyncRunner runner = SyncRunner.start(p, true, context ->
                    context.addRoutePolicyFactory((ctx, routeId, route) -> routeId.equals("db1-offline-shared") ? counting : null))) {
                assertTrue(secondRunDone.await(30, TimeUnit.SECONDS), "the schedule keeps running the job after the slow run");
            }
            assertEquals(1, mostAtOnce.get(), "never two runs of the job at once");
            assertTrue(started.get() >= 2);
            assertTrue(starts.get(1) - starts.get(0) >= TimeUnit.MILLISECONDS.toNanos(3200),
                    "the fires during the slow run (every second) started nothing; the next run came after it");
        }
    }

    /**
     * A forced misfire. The job's first run takes until 12 s after its scheduled time; the schedule
     * (every 5 s) meanwhile passes two fire times, 5 s and 10 s, which Quartz holds back (stateful).
     * When the run ends they are 7 and 2 s late, past the 1 s threshold of config/quartz.properties:
     * misfires, which misfireInstruction=2 (cron DO_NOTHING) skips, so the next run is the next fire
     * time of the schedule, on its 5 s grid. Quartz's defaults would have run the job again at once
     * when the run ended: its 60 s threshold makes the 5 s fire merely late (scheduled at +5 s), and
     * its smart policy for a misfire fires once now (scheduled at +12 s).
     */
    @Test
    void aFireMissedWhileTheJobRanIsSkippedNotRunLate(@TempDir Path dir) throws Exception {
        try (TestCluster source = TestCluster.start(); TestCluster target = TestCluster.second()) {
            Properties p = offlineSharedOnSchedule(source, target, dir, "0/5 * * * * ?");

            // each run's scheduled fire time (Quartz's header), in the order the runs began
            java.util.List<Long> scheduled = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch twoRuns = new CountDownLatch(2);
            RoutePolicySupport slowFirstRun = new RoutePolicySupport() {
                @Override
                public void onExchangeBegin(Route route, Exchange exchange) {
                    long at = exchange.getIn().getHeader("scheduledFireTime", java.util.Date.class).getTime();
                    scheduled.add(at);
                    twoRuns.countDown();
                    if (scheduled.size() == 1) {
                        try {
                            Thread.sleep(Math.max(0, at + 12_000 - System.currentTimeMillis()));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            };
            try (SyncRunner runner = SyncRunner.start(p, true, context ->
                    context.addRoutePolicyFactory((ctx, routeId, route) -> routeId.equals("db1-offline-shared") ? slowFirstRun : null))) {
                // generous: the first fire within 5 s, the slow run 12 s, the next fire within 10 s of its end
                assertTrue(twoRuns.await(90, TimeUnit.SECONDS), "the schedule ran the job again after the slow run: " + scheduled);
            }
            long first = scheduled.get(0);
            long second = scheduled.get(1);
            assertTrue(second - first >= 15_000, "the fire times missed during the run (+5 s, +10 s) were skipped, not run late: the next run was"
                    + " scheduled " + (second - first) + " ms after the first");
            assertEquals(0, (second - first) % 5_000, "the next run is a fire time of the schedule (every 5 s), not a catch-up fire at the"
                    + " end of the slow run: scheduled " + (second - first) + " ms after the first");
        }
    }

    /** A one-row table dfs://db1/mt on the source, and job db1-offline-shared syncing it on that schedule. */
    private static Properties offlineSharedOnSchedule(TestCluster source, TestCluster target, Path dir, String cron) throws Exception {
        DBConnection c = source.connect();
        c.run("db = database('dfs://db1', VALUE, 2024.01.01..2024.01.02)\n"
                + "db.createPartitionedTable(table(1:0, `Timestamp`v, [TIMESTAMP, INT]), `mt, `Timestamp)\n"
                + "tableInsert(loadTable('dfs://db1', 'mt'), table([2024.01.01T10:00:00.000] as Timestamp, [1] as v))");
        c.close();
        Properties p = OfflineTestTables.sharedLegSettings(source, target, dir, "all");
        p.setProperty("jobs.db1-offline-shared.enabled", "true");
        p.setProperty("jobs.db1-offline-shared.cron", cron);
        p.setProperty("jobs.db1-offline.enabled", "false");
        return p;
    }
}
