package io.ddbsync.camel;

import com.xxdb.data.BasicDoubleVector;
import com.xxdb.data.BasicIntVector;
import com.xxdb.data.BasicSymbolVector;
import com.xxdb.data.BasicTable;
import com.xxdb.data.BasicTimestampVector;
import io.ddbsync.camel.wire.WireTable;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * append with CamelDolphinDBClearFirst clears the partition and appends in one call (the online
 * sync's first block of a partition): afterwards the partition holds exactly the block's rows, in
 * both block forms, the other partitions untouched; a block of no rows only clears it; a path that
 * does not name a whole partition is refused before anything is written. Counted with the test's own queries.
 */
class AppendClearFirstTest extends DolphinDBTestSupport {
    private static final String DAY = "/20240102";
    private static final String APPEND = "dolphindb:src?operation=append&table=mt";

    /** Two rows on 2024.01.02, or none. */
    private static BasicTable rows(int n) {
        long[] times = {1704189600000L, 1704189601000L};
        return new BasicTable(List.of("Timestamp", "sym", "qty", "price"), List.of(
                new BasicTimestampVector(java.util.Arrays.copyOf(times, n)), new BasicSymbolVector(List.of("IBM", "ORCL").subList(0, n)),
                new BasicIntVector(java.util.Arrays.copyOf(new int[]{100, 200}, n)), new BasicDoubleVector(java.util.Arrays.copyOf(new double[]{1.25, 2.5}, n))));
    }

    private Exchange append(String db, String partition, Object body, boolean clearFirst, boolean withVersion) {
        return template.request(APPEND, e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().setHeader(DolphinDBConstants.PARTITION, partition);
            e.getMessage().setHeader(DolphinDBConstants.CLEAR_FIRST, clearFirst);
            e.getMessage().setHeader(DolphinDBConstants.WITH_VERSION, withVersion);
            e.getMessage().setBody(body);
        });
    }

    private String count(String db, String day) throws Exception {
        return src.run("exec count(*) from loadTable('" + db + "', 'mt') where date(Timestamp) = " + day).getString();
    }

    @Test
    void theFirstBlockReplacesThePartitionsRowsInOneCall() throws Exception {
        String db = createTradesTable(src, 3);
        assertEquals("10", count(db, "2024.01.02"));
        List<Object> blocks = List.of(rows(2), WireTable.read(new java.io.ByteArrayInputStream(WireTableTestSupport.written(rows(2)))));
        for (Object block : blocks) {
            for (boolean withVersion : new boolean[]{false, true}) {
                Exchange out = append(db, DAY, block, true, withVersion);
                assertNull(out.getException(), () -> String.valueOf(out.getException()));
                assertEquals(2L, out.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
                assertEquals(withVersion, out.getMessage().getHeader(DolphinDBConstants.PARTITION_VERSION) != null, block.getClass().getSimpleName());
                // cleared, then the block: its two rows, never the 10 before nor the rows of an earlier block
                assertEquals("2", count(db, "2024.01.02"), block.getClass().getSimpleName() + ", with version " + withVersion);
            }
        }
        // the next blocks of the partition append
        assertNull(append(db, DAY, rows(2), false, true).getException());
        assertEquals("4", count(db, "2024.01.02"));
        // the other days untouched
        assertEquals("10", count(db, "2024.01.01"));
        assertEquals("10", count(db, "2024.01.03"));
    }

    @Test
    void aBlockOfNoRowsOnlyClearsAndAClearedPartitionClearsAgain() throws Exception {
        String db = createTradesTable(src, 3);
        for (int i = 0; i < 2; i++) {
            Exchange out = append(db, DAY, rows(0), true, true);
            assertNull(out.getException(), () -> String.valueOf(out.getException()));
            assertEquals(0L, out.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
            assertEquals("0", count(db, "2024.01.02"));
        }
        assertEquals("10", count(db, "2024.01.01"));
        // without the header a block of no rows writes nothing and clears nothing
        assertNull(append(db, DAY, rows(2), false, false).getException());
        assertNull(append(db, DAY, rows(0), false, false).getException());
        assertEquals("2", count(db, "2024.01.02"));
    }

    @Test
    void withoutAWholePartitionNothingIsWritten() throws Exception {
        String db = createTradesTable(src, 3);
        Exchange none = append(db, null, rows(2), true, false);
        assertNotNull(none.getException());
        assertTrue(none.getException().getMessage().contains("partition"), none.getException().getMessage());
        assertEquals("10", count(db, "2024.01.02"));
    }
}
