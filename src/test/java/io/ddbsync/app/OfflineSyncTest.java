package io.ddbsync.app;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.RunReport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/** The real offline routes and jobs file, end to end between two clusters, through the shared-directory leg. */
class OfflineSyncTest {
    static TestCluster source;
    static TestCluster target;

    @BeforeAll
    static void start() throws Exception {
        source = TestCluster.start();
        target = TestCluster.second();
        DBConnection c = source.connect();
        c.run("""
                db = database("dfs://db1", VALUE, 2024.01.01..2024.01.05)
                t = table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE])
                db.createPartitionedTable(t, `mt, `Timestamp)
                n = 5000
                data = table(2024.01.01T09:30:00.000 + long(0..(n-1)) * 86400 as Timestamp, take(`IBM`MSFT`AAPL, n) as sym, 1..n as qty, 100.0 + (0..(n-1)) / 1000.0 as price)
                tableInsert(loadTable("dfs://db1", "mt"), data)
                """);
        c.close();
    }

    @AfterAll
    static void stop() {
        source.close();
        target.close();
    }

    private static Properties settings(Path dir, String window) {
        Properties p = SyncRunner.clusters(source, target);
        p.setProperty("jobs.db1.window", window);
        p.setProperty("jobs.db1.backupDir", dir.resolve("backup").toString());
        p.setProperty("jobs.db1.sharedRestoreDir", dir.resolve("restore").toString());
        return p;
    }

    private static BasicTable rows(TestCluster cluster) throws Exception {
        DBConnection c = cluster.connect();
        try {
            return (BasicTable) c.run("select * from loadTable('dfs://db1', 'mt') order by Timestamp");
        } finally {
            c.close();
        }
    }

    static void assertSameRows(BasicTable expected, BasicTable actual) {
        assertEquals(expected.rows(), actual.rows(), "rows");
        assertEquals(expected.columns(), actual.columns(), "columns");
        for (int c = 0; c < expected.columns(); c++) {
            assertEquals(expected.getColumnName(c), actual.getColumnName(c));
            for (int r = 0; r < expected.rows(); r++) {
                assertEquals(expected.getColumn(c).getString(r), actual.getColumn(c).getString(r), expected.getColumnName(c) + " row " + r);
            }
        }
    }

    @Test
    void wholeTableThroughTheSharedDirectoryEndsEqualAndRerunsIdempotently(@TempDir Path dir) throws Exception {
        try (SyncRunner runner = SyncRunner.start(settings(dir, "all"))) {
            Exchange first = runner.run("db1-offline-shared");
            assertNull(first.getException(), () -> String.valueOf(first.getException()));
            RunReport report = SyncRunner.report(first);
            assertTrue(report.succeeded(), report.render());
            assertEquals(5, report.partitions().size());
            assertSameRows(rows(source), rows(target));

            Exchange again = runner.run("db1-offline-shared");
            assertNull(again.getException(), () -> String.valueOf(again.getException()));
            assertTrue(SyncRunner.report(again).succeeded(), SyncRunner.report(again).render());
            assertSameRows(rows(source), rows(target));
        }
    }
}
