package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
import io.ddbsync.standin.StandInServer;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.standin.dfs.Storage;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The stand-in's dataSync setting only decides whether backup files are forced to disk: a node
 * with dataSync=1 and one with the default (0) write the same files for the same rows, and each
 * checks and restores its own.
 */
class BackupDataSyncTest {
    private static final String ROWS = """
            n = 2000
            t = table(take(2024.01.01..2024.01.05, n) as d, take(`IBM`MSFT`AAPL, n) as sym, 1..n as v, 0.25 * (1..n) as x)
            db = database("dfs://datasync", VALUE, 2024.01.01..2024.01.05)
            db.createPartitionedTable(t, `pt, `d).append!(t)
            """;

    @Test
    void aNodeThatForcesBackupFilesToDiskWritesTheSameFiles() throws Exception {
        Path work = Files.createTempDirectory("backup-datasync-");
        // a prefix no environment sets: both are stand-ins, the setting being the stand-in's
        try (TestCluster plain = TestCluster.start("DDB_TEST_DATASYNC_PLAIN", StandInServer.Options.of(work.resolve("plain")));
             TestCluster synced = TestCluster.start("DDB_TEST_DATASYNC_SYNCED", StandInServer.Options.of(work.resolve("synced")).withConfig("dataSync", "1"))) {
            Path plainDir = work.resolve("plain-backup");
            Path syncedDir = work.resolve("synced-backup");
            for (TestCluster c : List.of(plain, synced)) {
                c.run(ROWS);
                Path dir = c == plain ? plainDir : syncedDir;
                assertEquals(5, ((com.xxdb.data.Scalar) c.run("backup(\"" + dir + "\", \"dfs://datasync\", parallel=true)")).getNumber().intValue());
                assertEquals(0, ((BasicTable) c.run("checkBackup(\"" + dir + "\", \"dfs://datasync\")")).rows());
            }
            List<Path> files = files(plainDir);
            assertEquals(files, files(syncedDir));
            assertEquals(5 * 5 + 2, files.size(), files.toString());
            for (Path f : files) {
                // an entry's record holds its commit id and time, which differ between the nodes; the data files may not
                if (f.getFileName().toString().endsWith(".col")) {
                    assertArrayEquals(Files.readAllBytes(plainDir.resolve(f)), Files.readAllBytes(syncedDir.resolve(f)), f.toString());
                }
            }
            synced.run("restoreDB(\"" + syncedDir + "\", \"dfs://datasync\", \"dfs://datasync2\")");
            String expected = "select count(*), sum(v), sum(x) from loadTable(\"dfs://datasync\", `pt) group by d, sym";
            assertEquals(plain.run(expected).getString(), synced.run(expected.replace("dfs://datasync\"", "dfs://datasync2\"")).getString());
        } finally {
            Storage.deleteTree(work);
        }
    }

    /** Every file under dir, as paths relative to it, sorted. */
    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> out = new ArrayList<>(s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList());
            assertFalse(out.isEmpty(), "no backup files in " + dir);
            return out;
        }
    }
}
