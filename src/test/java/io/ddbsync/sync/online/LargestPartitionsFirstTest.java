package io.ddbsync.sync.online;

import io.ddbsync.camel.DolphinDBConstants;
import io.ddbsync.sync.run.RunReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A table's partitions start copying largest first (issue 18, within one table): a big partition
 * started last would drag out the end of the run while the other slots sit idle.
 */
class LargestPartitionsFirstTest extends OnlineSyncTestSupport {

    @Test
    void theLargestPartitionsStartFirstAndEveryPartitionVerifies() throws Exception {
        // days 1..6 of 100 rows each; days 4 and 6 grow large, day 4 the largest
        String db = createTicks(src, 6, 100);
        appendDay(src, db, 3, 6_000, 1_000_000);
        appendDay(src, db, 5, 3_000, 2_000_000);
        String job = job(db, params("parallel", "1"));
        // the order the partitions start in: each starts by querying its partition on the source
        List<String> started = new CopyOnWriteArrayList<>();
        RunReport report = runWatchingSends(job, (uri, exchange) -> {
            if (startsCopy(uri)) {
                started.add(exchange.getMessage().getHeader(DolphinDBConstants.PARTITION, String.class));
            }
        });
        assertTrue(report.succeeded(), report::render);
        assertEquals(6, started.size(), started::toString);
        // the two large partitions start first; they are handed to the job's threads first, so which of the two takes the
        // one copy slot first is a race between those threads (2 x parallel of them)
        assertEquals(Set.of("/20240104", "/20240106"), Set.copyOf(started.subList(0, 2)), "the two large partitions start first: " + started);
        // the small ones after, in path order
        assertEquals(List.of("/20240101", "/20240102", "/20240103", "/20240105"), started.subList(2, 6), started::toString);
        // judged by the test's own queries on both clusters, partition by partition
        assertEquals(PartitionFingerprints.of(src, db, "mt"), PartitionFingerprints.of(dst, db, "mt"));
    }
}
