package io.ddbsync.sync.online;

import com.xxdb.data.BasicTable;
import io.ddbsync.standin.TestCluster;

import java.util.Map;
import java.util.TreeMap;

/**
 * The test's own judge of a tick table (OnlineSyncTestSupport.createTicks) on either cluster: per
 * day (its partition), the row count and a sum over every column, texts and doubles summed as
 * hashes of their text. Two clusters hold the same rows when their fingerprints are equal; the
 * product's own report plays no part.
 */
final class PartitionFingerprints {
    private PartitionFingerprints() {
    }

    static Map<String, String> of(TestCluster cluster, String db, String table) throws Exception {
        BasicTable t = (BasicTable) cluster.run("select count(*) as rows, sum(long(Timestamp)) as ts, sum(hashBucket(string(sym), 1000003)) as sym,"
                + " sum(id) as id, sum(qty) as qty, sum(hashBucket(string(price), 1000003)) as price, sum(hashBucket(note, 1000003)) as note"
                + " from loadTable('" + db + "', '" + table + "') group by date(Timestamp) as day");
        Map<String, String> byDay = new TreeMap<>();
        for (int r = 0; r < t.rows(); r++) {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c < t.columns(); c++) row.append(t.getColumnName(c)).append('=').append(t.getColumn(c).get(r).getString()).append(' ');
            byDay.put(t.getColumn(0).get(r).getString(), row.toString().trim());
        }
        return byDay;
    }
}
