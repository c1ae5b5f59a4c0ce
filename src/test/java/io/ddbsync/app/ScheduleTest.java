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

/** A schedule never runs a job while its previous run is still going. */
class ScheduleTest {

    @Test
    void aTriggerFiringDuringASlowRunDoesNotStartASecondRun(@TempDir Path dir) throws Exception {
        try (TestCluster source = TestCluster.start(); TestCluster target = TestCluster.second()) {
            DBConnection c = source.connect();
            c.run("db = database('dfs://db1', VALUE, 2024.01.01..2024.01.02)\n"
                    + "db.createPartitionedTable(table(1:0, `Timestamp`v, [TIMESTAMP, INT]), `mt, `Timestamp)\n"
                    + "tableInsert(loadTable('dfs://db1', 'mt'), table([2024.01.01T10:00:00.000] as Timestamp, [1] as v))");
            c.close();
            Properties p = SyncRunner.clusters(source, target);
            p.setProperty("jobs.db1.window", "all");
            p.setProperty("jobs.db1.backupDir", dir.resolve("backup").toString());
            p.setProperty("jobs.db1.sharedRestoreDir", dir.resolve("restore").toString());
            p.setProperty("jobs.db1-offline-shared.enabled", "true");
            p.setProperty("jobs.db1-offline-shared.cron", "0/1 * * * * ?");
            p.setProperty("jobs.db1-offline.enabled", "false");

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
}
