package io.ddbsync.sync.online;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The real db1-online job, declared as a whole database (jobs.db1-online.tables = *), in a JVM of
 * its own with the shipped configuration, over a database of three tables: killed with -9 once its
 * ledger holds partitions of more than one table, then run again. The second run skips what the
 * first verified in every table, copies the rest, and every table ends equal to its source,
 * judged per partition with this test's own queries on both clusters.
 */
class OnlineManyTablesKilledTest {
    private static final int DAYS = 4;
    private static final int ROWS = 2_000;
    private static final List<String> TABLES = List.of("mt", "quotes", "trades");

    @Test
    void aRunnerKilledInTheMiddleOfAJobOfThreeTablesResumesAcrossThem(@TempDir Path work) throws Exception {
        // the ticks table is mt; two more tables of the same rows, each a little different
        ThrottledClusters.run(work, DAYS, ROWS, List.of("jobs.db1-online.tables = *"), (src, dst, db, config, ledger) -> {
            for (String table : TABLES.subList(1, TABLES.size())) {
                src.run("db = database('" + db + "')\n"
                        + "db.createPartitionedTable(table(1:0, `Timestamp`sym`id`qty`price`note, [TIMESTAMP, SYMBOL, LONG, INT, DOUBLE, STRING]), `"
                        + table + ", `Timestamp)\n"
                        + "loadTable('" + db + "', '" + table + "').append!(select * from loadTable('" + db + "', 'mt') where qty % " + table.length()
                        + " != 0)");
            }

            List<String> keysAtKill;
            try (RunnerProcess first = RunnerProcess.start(work, config, "--once", "db1-online")) {
                // job|target table|window|partition|...: wait until the second table has a verified partition
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (tablesIn(RunnerProcess.lines(ledger)).size() < 2 && System.nanoTime() < deadline) {
                    if (!first.process().isAlive()) fail("the runner ended before partitions of two tables verified:\n" + first.output());
                    Thread.sleep(50);
                }
                first.kill();
            }
            keysAtKill = RunnerProcess.lines(ledger);
            assertTrue(tablesIn(keysAtKill).size() >= 2, "the kill came after partitions of two tables verified: " + keysAtKill);
            assertTrue(keysAtKill.size() < DAYS * TABLES.size(), "killed before the end: " + keysAtKill);

            String out;
            try (RunnerProcess second = RunnerProcess.start(work, config, "--once", "db1-online")) {
                assertTrue(second.process().waitFor(180, TimeUnit.SECONDS), "the second run ended");
                out = second.output();
                assertEquals(0, second.process().exitValue(), out);
            }
            long skipped = out.lines().filter(l -> l.contains("skipped: verified by an earlier run")).count();
            assertEquals(keysAtKill.size(), skipped, "every partition verified before the kill, in every table, is skipped:\n" + out);
            long copied = out.lines().filter(l -> l.contains(" verified [")).count();
            assertEquals(DAYS * TABLES.size() - keysAtKill.size(), copied, out);
            assertTrue(out.contains("OK, every partition verified"), out);
            assertEquals(List.of(), RunnerProcess.lines(ledger), "the verified run's keys left the ledger");
            for (String table : TABLES) {
                assertEquals(OnlineSyncTestSupport.partitionSums(src, db, table), OnlineSyncTestSupport.partitionSums(dst, db, table),
                        table + ", per partition: rows and column sums");
            }
        });
    }

    /** The target tables named by ledger keys (job|target table|window|partition|source version|target version). */
    private static Set<String> tablesIn(List<String> keys) {
        return keys.stream().map(k -> k.split("\\|")[1]).collect(Collectors.toSet());
    }
}
