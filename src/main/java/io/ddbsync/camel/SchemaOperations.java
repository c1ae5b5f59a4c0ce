package io.ddbsync.camel;

import com.xxdb.data.BasicDictionary;
import com.xxdb.data.BasicString;
import com.xxdb.data.Entity;

import java.util.List;
import java.util.Map;

/** schema and ensureTable. */
final class SchemaOperations {
    private final ConnectionPool pool;

    SchemaOperations(ConnectionPool pool) {
        this.pool = pool;
    }

    /** Body: the table's {@link TableSchema}. */
    void schema(CallOptions o) throws Exception {
        try (PooledConnection c = pool.borrow()) {
            o.exchange.getMessage().setBody(TableMetadata.schema(c, o.database(), o.table()));
        }
    }

    /**
     * Body: true when the database exists and, if a table is given, the table too. Lets a dry run
     * tell "would be created" from "exists" without writing anything.
     */
    void exists(CallOptions o) throws Exception {
        String database = o.database();
        String table = o.rawTable() == null || o.rawTable().isBlank() ? null : o.table();
        try (PooledConnection c = pool.borrow()) {
            boolean exists = table == null ? TableMetadata.databaseExists(c, database) : TableMetadata.tableExists(c, database, table);
            o.exchange.getMessage().setBody(exists);
        }
    }

    /**
     * Makes database/table on this cluster fit the {@link TableSchema} in the body (typically the
     * source's, read by a schema call on the other cluster), optionally trimmed to columns: creates
     * what is missing, adds VALUE partitions the target lacks, and fails with a readable diff when
     * the existing table differs. The body stays; CamelDolphinDBTableAction tells what was done.
     */
    void ensureTable(CallOptions o) throws Exception {
        Object body = o.exchange.getMessage().getBody();
        if (!(body instanceof TableSchema source)) {
            throw new IllegalArgumentException("Operation ensureTable needs the source TableSchema as body (from operation schema), not "
                    + (body == null ? "null" : body.getClass().getName()));
        }
        TableSchema expected = source.renamed(o.database(), o.table()).withColumns(o.columns());
        String action;
        try (PooledConnection c = pool.borrow()) {
            if (!TableMetadata.databaseExists(c, expected.database())) {
                run(c, TableCreation.createDatabase(expected));
                run(c, TableCreation.createTable(expected));
                action = "created";
            } else if (!TableMetadata.tableExists(c, expected.database(), expected.table())) {
                addMissingValues(c, expected, existingScheme(c, expected));
                run(c, TableCreation.createTable(expected));
                action = "created";
            } else {
                TableSchema actual = TableMetadata.schema(c, expected.database(), expected.table());
                SchemaDiff diff = SchemaDiff.compare(expected, actual);
                if (!diff.isCompatible()) {
                    throw new IllegalArgumentException("Table " + expected.database() + "/" + expected.table()
                            + " exists but differs from the source " + source.database() + "/" + source.table() + ":\n" + diff);
                }
                action = addMissingValues(c, expected, diff) ? "addedPartitions" : "unchanged";
            }
        }
        o.exchange.getMessage().setHeader(DolphinDBConstants.TABLE_ACTION, action);
    }

    /** For a new table in an existing database: the database's partitioning must fit too. */
    private static SchemaDiff existingScheme(PooledConnection c, TableSchema expected) throws Exception {
        Entity r = c.call("def(dbUrl) { return schema(database(dbUrl)) }", List.of(new BasicString(expected.database())));
        TableSchema db = TableSchema.ofDatabase(expected, (BasicDictionary) r);
        SchemaDiff diff = SchemaDiff.compare(expected.partitioningOnly(), db);
        if (!diff.isCompatible()) {
            throw new IllegalArgumentException("Database " + expected.database() + " exists but its partitioning differs from the source's:\n" + diff);
        }
        return diff;
    }

    private static boolean addMissingValues(PooledConnection c, TableSchema expected, SchemaDiff diff) throws Exception {
        for (Map.Entry<Integer, List<Entity>> e : diff.getMissingValues().entrySet()) {
            run(c, TableCreation.addValuePartitions(expected.database(), e.getKey(), e.getValue()));
        }
        return !diff.getMissingValues().isEmpty();
    }

    private static void run(PooledConnection c, TableCreation.Call call) throws Exception {
        c.call(call.function(), call.args());
    }
}
