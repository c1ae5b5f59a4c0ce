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
 * append with CamelDolphinDBWithVersion reads the partition's version in the same call, once the
 * block is in (the online sync's version of a partition it copied): the version the partitions
 * operation lists right after, in both block forms; without the header, none.
 */
class AppendWithVersionTest extends DolphinDBTestSupport {
    private static final String DAY = "/20240102";

    private static final String APPEND = "dolphindb:src?operation=append&table=mt";
    private static final String PARTITIONS = "dolphindb:src?operation=partitions&table=mt";

    /** Two rows on 2024.01.02. */
    private static BasicTable rows() {
        return new BasicTable(List.of("Timestamp", "sym", "qty", "price"), List.of(
                new BasicTimestampVector(new long[]{1704189600000L, 1704189601000L}), new BasicSymbolVector(List.of("IBM", "ORCL")),
                new BasicIntVector(new int[]{100, 200}), new BasicDoubleVector(new double[]{1.25, 2.5})));
    }

    private Exchange send(String uri, String db, Object body, boolean withVersion) {
        return template.request(uri, e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().setHeader(DolphinDBConstants.PARTITION, DAY);
            if (withVersion) e.getMessage().setHeader(DolphinDBConstants.WITH_VERSION, true);
            e.getMessage().setBody(body);
        });
    }

    private String listedVersion(String db) {
        Exchange listed = send(PARTITIONS, db, null, false);
        assertNull(listed.getException());
        List<?> partitions = listed.getMessage().getBody(List.class);
        assertEquals(1, partitions.size(), partitions::toString);
        return ((Partition) partitions.get(0)).version();
    }

    @Test
    void theVersionComesWithTheAppendAndIsTheOneListedAfterIt() throws Exception {
        String db = createTradesTable(src, 3);
        String before = listedVersion(db);
        for (Object block : List.of(rows(), WireTable.read(new java.io.ByteArrayInputStream(WireTableTestSupport.written(rows()))))) {
            Exchange out = send(APPEND, db, block, true);
            assertNull(out.getException());
            assertEquals(2L, out.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
            String version = out.getMessage().getHeader(DolphinDBConstants.PARTITION_VERSION, String.class);
            assertNotNull(version, block.getClass().getSimpleName());
            assertNotEquals(before, version, "the version after the write, not before");
            assertEquals(listedVersion(db), version, block.getClass().getSimpleName());
            before = version;
        }
        // the test's own count: 10 rows of the day, and the 4 appended
        assertEquals("14", src.run("exec count(*) from loadTable('" + db + "', 'mt') where date(Timestamp) = 2024.01.02").getString());
        Exchange plain = send(APPEND, db, rows(), false);
        assertNull(plain.getException());
        assertNull(plain.getMessage().getHeader(DolphinDBConstants.PARTITION_VERSION), "no version asked for, none read");
    }
}
