package io.ddbsync.sync.run;

import io.ddbsync.camel.Names;
import io.ddbsync.camel.TableSchema;
import org.apache.camel.Exchange;

/**
 * Turns a run's window into the DolphinDB condition on the table's time column: the column the
 * job names, or else the first partitioning column (the tutorial's Timestamp, one partition a day).
 */
public class WindowCondition {

    /** The where condition, or null when the window is all rows. */
    public String where(Exchange exchange, TableSchema schema, String windowColumn) {
        SyncWindow window = exchange.getProperty(SyncProperties.WINDOW, SyncWindow.class);
        if (window == null || window.isAll()) return null;
        String column = windowColumn == null || windowColumn.isBlank()
                ? (schema.partitionColumns().isEmpty() ? null : schema.partitionColumns().get(0))
                : windowColumn.trim();
        if (column == null) {
            throw new IllegalArgumentException("Table " + schema.database() + "/" + schema.table()
                    + " is not partitioned: name the window's time column with windowColumn");
        }
        TableSchema.Column c = schema.column(Names.column(column));
        if (c == null) {
            throw new IllegalArgumentException("Window column " + column + " is not a column of " + schema.database() + "/" + schema.table());
        }
        return window.condition(c.name(), c.typeString());
    }
}
