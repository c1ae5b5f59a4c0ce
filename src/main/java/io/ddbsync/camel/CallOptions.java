package io.ddbsync.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.List;

/**
 * The options of one call: each header of {@link DolphinDBConstants} if the message has it,
 * the endpoint's option otherwise. Names are validated here, before any operation sees them.
 */
final class CallOptions {
    final Exchange exchange;
    final String cluster;
    final DolphinDBOperation operation;
    private final DolphinDBConfiguration config;
    private final Message in;

    CallOptions(Exchange exchange, String cluster, DolphinDBConfiguration config) {
        this.exchange = exchange;
        this.cluster = cluster;
        this.config = config;
        this.in = exchange.getMessage();
        this.operation = value(DolphinDBConstants.OPERATION, DolphinDBOperation.class, config.getOperation());
    }

    private <T> T value(String header, Class<T> type, T fallback) {
        T v = in.getHeader(header, type);
        return v != null ? v : fallback;
    }

    /**
     * The table's schema: read from the server, or, when the exchange carries a schema cache
     * (exchange property {@link DolphinDBExchangeProperties#SCHEMA_CACHE}, a {@code Map<String, TableSchema>}
     * its route made for the duration of one table's run), from there after the first read. A
     * route that copies thousands of partitions so reads each table's schema once instead of once
     * per partition and block; it makes a new cache whenever the schema may have changed.
     */
    io.ddbsync.camel.TableSchema schema(Lease c) throws java.io.IOException {
        @SuppressWarnings("unchecked")
        java.util.Map<String, io.ddbsync.camel.TableSchema> cache = exchange.getProperty(DolphinDBExchangeProperties.SCHEMA_CACHE, java.util.Map.class);
        if (cache == null) return TableMetadata.schema(c, database(), table());
        String key = cluster + "|" + database() + "/" + table();
        io.ddbsync.camel.TableSchema known = cache.get(key);
        if (known != null) return known;
        io.ddbsync.camel.TableSchema read = TableMetadata.schema(c, database(), table());
        cache.put(key, read);
        return read;
    }

    /** The raw database option (for error reports; may be invalid). */
    String rawDatabase() {
        return value(DolphinDBConstants.DATABASE, String.class, config.getDatabase());
    }

    String rawTable() {
        return value(DolphinDBConstants.TABLE, String.class, config.getTable());
    }

    String rawPartition() {
        return value(DolphinDBConstants.PARTITION, String.class, config.getPartition());
    }

    String database() {
        return Names.database(required(rawDatabase(), "database"));
    }

    String table() {
        return Names.table(required(rawTable(), "table"));
    }

    List<String> columns() {
        return Names.columns(value(DolphinDBConstants.COLUMNS, String.class, config.getColumns()));
    }

    /** The where expression, or null when none is given. */
    String where() {
        String w = value(DolphinDBConstants.WHERE, String.class, config.getWhere());
        return w == null || w.isBlank() ? null : w;
    }

    /** A validated partition path, or null when none is given. */
    String partitionPath() {
        String p = rawPartition();
        return p == null || p.isBlank() ? null : Names.partitionPath(p.trim());
    }

    /** Comma separated partition paths (backup), validated. */
    List<String> partitionPaths() {
        String p = rawPartition();
        if (p == null || p.isBlank()) return List.of();
        return java.util.Arrays.stream(p.split(",")).map(s -> Names.partitionPath(s.trim())).toList();
    }

    /** A restore/checkBackup pattern, validated, or the given default. */
    String partitionPattern(String fallback) {
        String p = rawPartition();
        return p == null || p.isBlank() ? fallback : Names.partitionPattern(p.trim());
    }

    String script() {
        return value(DolphinDBConstants.SCRIPT, String.class, config.getScript());
    }

    DolphinDBOutputType outputType() {
        return value(DolphinDBConstants.OUTPUT_TYPE, DolphinDBOutputType.class, config.getOutputType());
    }

    int fetchSize() {
        int n = value(DolphinDBConstants.FETCH_SIZE, Integer.class, config.getFetchSize());
        if (n < 8192) throw new IllegalArgumentException("fetchSize must be at least 8192 (the DolphinDB API's minimum), not " + n);
        return n;
    }

    String backupDir() {
        return required(value(DolphinDBConstants.BACKUP_DIR, String.class, config.getBackupDir()), "backupDir");
    }

    /** append: whether to read the partition's version in the same call (header only). */
    boolean withVersion() {
        return Boolean.TRUE.equals(exchange.getMessage().getHeader(DolphinDBConstants.WITH_VERSION, Boolean.class));
    }

    /** append: whether to clear the partition first, in the same call (header only). */
    boolean clearFirst() {
        return Boolean.TRUE.equals(exchange.getMessage().getHeader(DolphinDBConstants.CLEAR_FIRST, Boolean.class));
    }

    Boolean force() {
        return value(DolphinDBConstants.FORCE, Boolean.class, config.getForce());
    }

    Boolean parallel() {
        return value(DolphinDBConstants.PARALLEL, Boolean.class, config.getParallel());
    }

    Boolean snapshot() {
        return value(DolphinDBConstants.SNAPSHOT, Boolean.class, config.getSnapshot());
    }

    String outputDatabase() {
        String db = value(DolphinDBConstants.OUTPUT_DATABASE, String.class, config.getOutputDatabase());
        return db == null ? null : Names.database(db);
    }

    String outputTable() {
        String t = value(DolphinDBConstants.OUTPUT_TABLE, String.class, config.getOutputTable());
        return t == null ? null : Names.table(t);
    }

    String keyPath() {
        return value(DolphinDBConstants.KEY_PATH, String.class, config.getKeyPath());
    }

    String backupUser() {
        return value(DolphinDBConstants.BACKUP_USER, String.class, config.getBackupUser());
    }

    private String required(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Operation " + operation + " needs the " + option + " option (or its header)");
        }
        return value;
    }
}
