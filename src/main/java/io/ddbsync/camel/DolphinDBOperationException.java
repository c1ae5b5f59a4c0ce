package io.ddbsync.camel;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;

/**
 * A dolphindb operation failed. It says where (cluster, operation, database, table, partition) and
 * what the server answered; it never carries a password. Its message is that alone: not the
 * exchange id and cause Camel's exchange exceptions append to theirs.
 */
public class DolphinDBOperationException extends CamelExchangeException {
    private final String cluster;
    private final String operation;
    private final String database;
    private final String table;
    private final String partition;
    private final String serverMessage;
    private final String description;

    public DolphinDBOperationException(Exchange exchange, String cluster, String operation, String database, String table,
                                       String partition, String serverMessage, Throwable cause) {
        super(describe(cluster, operation, database, table, partition, serverMessage), exchange, cause);
        this.description = describe(cluster, operation, database, table, partition, serverMessage);
        this.cluster = cluster;
        this.operation = operation;
        this.database = database;
        this.table = table;
        this.partition = partition;
        this.serverMessage = serverMessage;
    }

    private static String describe(String cluster, String operation, String database, String table, String partition, String message) {
        StringBuilder sb = new StringBuilder("dolphindb:").append(cluster).append(" operation ").append(operation).append(" failed");
        if (database != null) sb.append(", database=").append(database);
        if (table != null) sb.append(", table=").append(table);
        if (partition != null) sb.append(", partition=").append(partition);
        return sb.append(": ").append(message).toString();
    }

    @Override
    public String getMessage() {
        return description;
    }

    public String getCluster() {
        return cluster;
    }

    public String getOperation() {
        return operation;
    }

    public String getDatabase() {
        return database;
    }

    public String getTable() {
        return table;
    }

    public String getPartition() {
        return partition;
    }

    /** The server's message, or the client-side reason when the call never reached the server. */
    public String getServerMessage() {
        return serverMessage;
    }
}
