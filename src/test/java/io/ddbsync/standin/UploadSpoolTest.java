package io.ddbsync.standin;

import com.xxdb.DBConnection;
import com.xxdb.data.*;
import com.xxdb.data.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.ddbsync.standin.TypesRoundTripTest.assertSameContent;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Large uploads are spooled to a file while they arrive (wire.UploadSpool); one stored as it came
 * becomes its partition's segment by a rename. Whatever path a write takes, the rows are the ones
 * sent, they survive a restart, and no spool file outlives its request.
 */
class UploadSpoolTest {
    private static final String CREATE = "d = database('dfs://spool', VALUE, 2024.01.01..2024.01.05)\n"
            + "d.createPartitionedTable(table(1:0, `ts`sym`qty`px, [TIMESTAMP, SYMBOL, INT, DOUBLE]), `t, `ts)";

    @TempDir
    Path data;

    /** n rows from row start, perDay rows a day from 2024.01.01; about 24 bytes a row, so 50,000 rows are over a megabyte. */
    private static BasicTable ticks(int start, int n, int perDay) {
        long[] ts = new long[n];
        List<String> sym = new ArrayList<>();
        int[] qty = new int[n];
        double[] px = new double[n];
        for (int i = 0; i < n; i++) {
            int r = start + i;
            ts[i] = 1704067200000L + (long) (r / perDay) * 86_400_000L + (r % perDay);
            sym.add(r % 3 == 0 ? "IBM" : "MSFT");
            qty[i] = r % 11 == 0 ? Integer.MIN_VALUE : r;
            px[i] = r * 0.25;
        }
        return new BasicTable(List.of("ts", "sym", "qty", "px"), List.<Vector>of(new BasicTimestampVector(ts),
                new BasicSymbolVector(sym), new BasicIntVector(qty), new BasicDoubleVector(px)));
    }

    private static DBConnection connect(StandInServer s) throws IOException {
        DBConnection c = new DBConnection();
        assertTrue(c.connect("127.0.0.1", s.port(), "admin", "123456"));
        return c;
    }

    private static BasicTable all(DBConnection c) throws IOException {
        return (BasicTable) c.run("select * from loadTable('dfs://spool', 't') order by ts");
    }

    private static List<Path> spoolFiles(StandInServer s) throws IOException {
        Path dir = s.node().uploadSpoolDir();
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** Uploads are released right after the reply (wire.EncodedTable#release), so this waits a little for it. */
    private static void assertNoSpoolSoon(StandInServer s, String why) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!spoolFiles(s).isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(List.of(), spoolFiles(s), why);
    }

    @Test
    void largeOnePartitionUploadIsStoredAsSentAndSurvivesRestart() throws Exception {
        BasicTable sent = ticks(0, 60_000, 100_000);
        try (StandInServer s = StandInServer.start(StandInServer.Options.of(data))) {
            DBConnection c = connect(s);
            c.run(CREATE);
            assertEquals(60_000, ((Scalar) c.run("tableInsert{loadTable('dfs://spool', 't')}", List.of(sent))).getNumber().intValue());
            assertSameContent(sent, all(c));
            assertNoSpoolSoon(s, "the spool became the segment");
            c.close();
        }
        try (StandInServer s = StandInServer.start(StandInServer.Options.of(data))) {
            DBConnection c = connect(s);
            assertSameContent(sent, all(c));
            c.close();
        }
    }

    @Test
    void uploadAcrossPartitionsAndUploadedVariablesAreStoredTheOrdinaryWay() throws Exception {
        BasicTable across = ticks(0, 60_000, 25_000); // three days
        BasicTable later = ticks(60_000, 60_000, 25_000);
        try (StandInServer s = StandInServer.start(StandInServer.Options.of(data))) {
            DBConnection c = connect(s);
            c.run(CREATE);
            c.run("tableInsert{loadTable('dfs://spool', 't')}", List.of(across));
            assertNoSpoolSoon(s, "a spool not used is deleted when its request is over");
            c.upload(Map.of("x", later));
            assertNoSpoolSoon(s, "no spool left");
            c.run("tableInsert(loadTable('dfs://spool', 't'), x)");
            BasicTable perDay = (BasicTable) c.run("select count(*) as n from loadTable('dfs://spool', 't') group by date(ts) as d");
            assertEquals(5, perDay.rows());
            for (int d = 0; d < 4; d++) assertEquals(25_000, ((Scalar) perDay.getColumn("n").get(d)).getNumber().intValue(), "day " + d);
            assertEquals(20_000, ((Scalar) perDay.getColumn("n").get(4)).getNumber().intValue());
            assertEquals(60_000 * 0.25 * (120_000 - 1), ((Scalar) c.run("exec sum(px) from loadTable('dfs://spool', 't')")).getNumber().doubleValue(), 1e-3);
            c.close();
        }
    }

    @Test
    void refusedUploadLeavesNoRowsAndNoSpool() throws Exception {
        BasicTable full = ticks(0, 80_000, 100_000);
        BasicTable wrong = new BasicTable(List.of("ts", "sym", "qty"), List.of(full.getColumn(0), full.getColumn(1), full.getColumn(2)));
        try (StandInServer s = StandInServer.start(StandInServer.Options.of(data))) {
            DBConnection c = connect(s);
            c.run(CREATE);
            IOException e = assertThrows(IOException.class, () -> c.run("tableInsert{loadTable('dfs://spool', 't')}", List.of(wrong)));
            assertTrue(e.getMessage().contains("column"), e.getMessage());
            assertEquals(0, ((Scalar) c.run("exec count(*) from loadTable('dfs://spool', 't')")).getNumber().intValue());
            assertNoSpoolSoon(s, "no spool left");
            c.close();
        }
    }

    @Test
    void spoolFilesLeftByAKilledServerAreRemovedAtStart() throws Exception {
        Path leftover = data.resolve(".uploads").resolve("4242-7.upload");
        Files.createDirectories(leftover.getParent());
        Files.write(leftover, new byte[4096]);
        try (StandInServer s = StandInServer.start(StandInServer.Options.of(data))) {
            assertFalse(Files.exists(leftover));
            DBConnection c = connect(s);
            assertFalse(((BasicBoolean) c.run("existsDatabase('dfs://spool')")).getBoolean());
            assertEquals(0, ((Vector) c.run("getClusterDFSDatabases()")).rows(), "the spool directory is no database");
            c.close();
        }
    }
}
