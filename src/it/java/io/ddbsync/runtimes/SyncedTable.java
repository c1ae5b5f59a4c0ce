package io.ddbsync.runtimes;

import com.xxdb.data.BasicTable;
import io.ddbsync.standin.TestCluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tutorial's kind of table (mt, VALUE partitions by day) seeded on a source cluster, and the
 * test's own proof that a target holds the same: per partition (day), the row count and the sums of
 * every numeric column and of the symbols' and notes' hashes, queried on both clusters.
 */
record SyncedTable(TestCluster source, String database) {
    private static final String PER_PARTITION = "select count(*) as rows, sum(id) as ids, sum(qty) as qtys, sum(price) as prices,"
            + " sum(hashBucket(sym, 1000003)) as syms, sum(hashBucket(note, 1000003)) as notes"
            + " from loadTable('%s', 'mt') group by date(Timestamp) as day order by day";

    static SyncedTable seed(TestCluster cluster, int days, int rowsPerDay) throws Exception {
        String db = TestCluster.uniqueDb("runtimes");
        cluster.run("db = database('" + db + "', VALUE, 2024.01.01..2024.01.10)\n"
                + "t = table(1:0, `Timestamp`sym`id`qty`price`note, [TIMESTAMP, SYMBOL, LONG, INT, DOUBLE, STRING])\n"
                + "db.createPartitionedTable(t, `mt, `Timestamp)\n"
                + "n = " + days * rowsPerDay + "\n"
                + "ids = long(0..(n-1))\n"
                + "data = table(2024.01.01T09:30:00.000 + (ids / " + rowsPerDay + ") * 86400000 + (ids % " + rowsPerDay + ") * 1000 as Timestamp,"
                + " take(`IBM`MSFT`AAPL`GOOG, n) as sym, ids as id, int(ids % 1000) as qty, 100.0 + (ids % 997) * 0.01 as price, 'n' + string(ids) as note)\n"
                + "loadTable('" + db + "', 'mt').append!(data)");
        return new SyncedTable(cluster, db);
    }

    /** The target's partitions equal the source's, each by rows and column sums. */
    void assertSame(TestCluster target) throws Exception {
        BasicTable expected = (BasicTable) source.run(String.format(PER_PARTITION, database));
        BasicTable actual = (BasicTable) target.run(String.format(PER_PARTITION, database));
        assertTrue(expected.rows() > 1, "the source has partitions: " + expected.getString());
        assertEquals(expected.getString(), actual.getString(), "per partition on the source and the target");
    }
}
