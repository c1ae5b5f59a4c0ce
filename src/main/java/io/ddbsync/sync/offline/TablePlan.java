package io.ddbsync.sync.offline;

import io.ddbsync.camel.Partition;
import io.ddbsync.camel.TableSchema;
import org.apache.camel.Exchange;

import java.util.List;

/**
 * Records on the table the plan is looking at (exchange property DdbSyncTable, set by the route's
 * split over the job's tables) what the source said about it, for the later stages.
 */
public class TablePlan {
    public static final String TABLE = "DdbSyncTable";

    public void schema(Exchange exchange, TableSchema schema) {
        table(exchange).setSchema(schema);
    }

    public void where(Exchange exchange, String where) {
        table(exchange).setWhere(where);
    }

    public void partitions(Exchange exchange, List<Partition> partitions) {
        table(exchange).setPartitions(partitions);
    }

    private static OfflineTable table(Exchange exchange) {
        return exchange.getProperty(TABLE, OfflineTable.class);
    }
}
