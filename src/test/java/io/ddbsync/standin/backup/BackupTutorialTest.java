package io.ddbsync.standin.backup;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.ddbsync.standin.backup.BackupTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The cluster-to-cluster tutorial's offline synchronization (examples 1, 2, 5 and 6) between two
 * stand-ins: back up dfs://db1/mt on A, move the files, restore on B into the existing table.
 */
class BackupTutorialTest {
    /** The tutorial's db1/mt: VALUE partitions by day over a TIMESTAMP column, the last seven days. */
    static final String CREATE_MT = """
            if (existsDatabase("dfs://db1")) dropDatabase("dfs://db1")
            db = database("dfs://db1", VALUE, (today()-6)..today())
            t = table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE])
            db.createPartitionedTable(t, `mt, `Timestamp)
            """;
    /**
     * Hourly ticks over the seven days, up to now, each 1 ms past the hour: the tutorial's condition
     * (TODAY) takes rows after midnight, so a tick at 00:00:00.000 left today empty in the first hour.
     */
    static final String FILL_MT = """
            ts = timestamp(today()-6) + 1 + (0..167) * 3600000
            ts = ts[ts < now()]
            n = size(ts)
            loadTable("dfs://db1", "mt").append!(table(ts as Timestamp, take(`IBM`MSFT`GOOG, n) as sym, 1..n as qty, 0.5 * (1..n) as price))
            """;
    static final String TODAY = "Timestamp > timestamp(date(now())) and Timestamp < now()";

    private static TestCluster clusterA;
    private static TestCluster clusterB;
    private static DBConnection a;
    private static DBConnection b;

    @BeforeAll
    static void start() throws Exception {
        clusterA = TestCluster.start();
        clusterB = TestCluster.second();
        assumeLocalDisk(clusterA, clusterB);
        a = clusterA.connect();
        b = clusterB.connect();
    }

    @AfterEach
    void deleteBackupDirs() {
        deleteTempDirs();
    }

    @AfterAll
    static void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
        if (clusterA != null) clusterA.close();
        if (clusterB != null) clusterB.close();
    }

    @Test
    void example5RestoresTodaysBackupIntoTheOutputTable() throws Exception {
        a.run(CREATE_MT);
        a.run(FILL_MT);
        b.run(CREATE_MT);
        Path backupDir = tempDir("tutorial-a-");
        Path restoreDir = tempDir("tutorial-b-");
        // example 6 on A: back up today's rows with a SQL statement
        assertEquals(1, intOf(a.run("backup(" + q(backupDir) + ", <select * from loadTable(\"dfs://db1\",\"mt\") where " + TODAY + ">)")));
        // the rsync step: the files move to B's host
        copyTree(backupDir, restoreDir);
        // example 5 on B
        String restore = "restore(backupDir=" + q(restoreDir) + ", dbPath=\"dfs://db1\", tableName=\"mt\", partition=\"%\", force=true, outputTable=loadTable(\"dfs://db1\",\"mt\"))";
        String todayDir = a.run("temporalFormat(today(), \"yyyyMMdd\")").getString();
        assertTrue(strings(b.run(restore)).get(0).startsWith("dfs://db1/" + todayDir + "/"));
        BasicTable expected = (BasicTable) a.run("select * from loadTable(\"dfs://db1\",\"mt\") where " + TODAY);
        assertTrue(expected.rows() > 0);
        assertSameTable(expected, (BasicTable) b.run("select * from loadTable(\"dfs://db1\",\"mt\")"));
        // restoring a SQL backup appends: a second run duplicates the rows, as the reference warns
        b.run(restore);
        assertEquals(2L * expected.rows(), count(b, "dfs://db1", "mt"));
    }

    @Test
    void theLastDaysWithAColumnSubsetAndAnIncrementalRerun() throws Exception {
        a.run(CREATE_MT);
        a.run(FILL_MT);
        b.run(CREATE_MT);
        Path backupDir = tempDir("tutorial-days-");
        String lastDays = "backup(" + q(backupDir) + ", <select * from loadTable(\"dfs://db1\",\"mt\") where Timestamp >= timestamp(today() - 2) and Timestamp <= now()>)";
        assertEquals(3, intOf(a.run(lastDays)));
        assertEquals(0, intOf(a.run(lastDays)), "nothing changed since");
        Path restoreDir = tempDir("tutorial-days-b-");
        copyTree(backupDir, restoreDir);
        assertEquals(3, b.run("restore(" + q(restoreDir) + ", \"dfs://db1\", \"mt\", \"%\", true, loadTable(\"dfs://db1\",\"mt\"))").rows());
        assertSameTable((BasicTable) a.run("select * from loadTable(\"dfs://db1\",\"mt\") where Timestamp >= timestamp(today() - 2)"),
                (BasicTable) b.run("select * from loadTable(\"dfs://db1\",\"mt\")"));

        // example 3: a column list is a backup of those columns only
        Path columns = tempDir("tutorial-cols-");
        assertEquals(7, intOf(a.run("backup(" + q(columns) + ", <select Timestamp, sym from loadTable(\"dfs://db1\",\"mt\")>)")));
        BasicTable part = (BasicTable) a.run("loadBackup(" + q(columns) + ", \"dfs://db1\", \"/" + a.run("temporalFormat(today()-1, \"yyyyMMdd\")").getString() + "\", `mt)");
        assertEquals(2, part.columns());
        assertEquals(24, part.rows());
    }
}
