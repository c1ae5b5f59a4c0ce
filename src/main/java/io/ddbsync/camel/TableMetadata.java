package io.ddbsync.camel;

import com.xxdb.data.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What the server knows about a table: its schema and its partitions that hold rows. */
final class TableMetadata {
    private TableMetadata() {
    }

    static boolean tableExists(Lease c, String database, String table) throws IOException {
        Entity r = c.call("def(dbUrl, tb) { return existsDatabase(dbUrl) && existsTable(dbUrl, tb) }",
                List.of(new BasicString(database), new BasicString(table)));
        return ((BasicBoolean) r).getBoolean();
    }

    static boolean databaseExists(Lease c, String database) throws IOException {
        return ((BasicBoolean) c.call("existsDatabase", List.of(new BasicString(database)))).getBoolean();
    }

    static TableSchema schema(Lease c, String database, String table) throws IOException {
        Entity r = c.call("def(dbUrl, tb) { return schema(loadTable(dbUrl, tb)) }", List.of(new BasicString(database), new BasicString(table)));
        return TableSchema.fromDictionary(database, table, (BasicDictionary) r);
    }

    /**
     * The partitions of the table that hold rows, in path order, from getTabletsMeta on every data
     * node (pnodeRun); replicas on several nodes are listed once ({@link PartitionListing}, which
     * says what a version is).
     */
    static PartitionListing listing(Lease c, TableSchema schema) throws IOException {
        return listed(c, schema, "/%");
    }

    /** As {@link #listing}, each partition with its filter and keys. */
    static List<Partition> partitions(Lease c, TableSchema schema) throws IOException {
        return listing(c, schema).takePartitions(schema);
    }

    /**
     * One partition (null when it holds no rows), listed by a chunk path pattern that starts with
     * its path rather than the whole table's: the online sync asks this for every partition it
     * copies, and a table may have thousands. The pattern may match other partitions too (a path
     * that is a prefix of another, or holds a wildcard character); they are dropped here.
     */
    static Partition partition(Lease c, TableSchema schema, String path) throws IOException {
        PartitionListing listed = listing(c, schema, path);
        int i = listed.indexOf(path);
        return i < 0 ? null : listed.partition(i, new PartitionFilters.Resolver(schema));
    }

    /** The listing {@link #partition} reads: the partition at path, and any other whose path starts the same. */
    static PartitionListing listing(Lease c, TableSchema schema, String path) throws IOException {
        return listed(c, schema, path + "%");
    }

    /**
     * The server-side expression listing the partitions whose chunk paths match {@code pattern} of
     * table {@code tb}: of getTabletsMeta's columns, those a listing reads (its other columns, the
     * chunk's local path and directory among them, would double what the runner receives).
     */
    static final String LISTING = "select dfsPath, rowNum, chunkId, version, createCids from pnodeRun(getTabletsMeta{pattern, tb, false, -1})";

    /** The chunk path pattern of a partition path: the listing's {@code pattern} argument. */
    static BasicString partitionPattern(TableSchema schema, String path) {
        return new BasicString(chunkPath(schema, path) + "%");
    }

    /** "/db/20240101": the start of a partition's chunk paths (getTabletsMeta's dfsPath) before the table's physical index. */
    static String chunkPath(TableSchema schema, String path) {
        return "/" + schema.database().substring("dfs://".length()) + path;
    }

    private static PartitionListing listed(Lease c, TableSchema schema, String pathPattern) throws IOException {
        String dbName = schema.database().substring("dfs://".length());
        Entity r = c.call("def(pattern, tb) { return " + LISTING + " }",
                List.of(new BasicString("/" + dbName + pathPattern), new BasicString(schema.table())));
        return PartitionListing.parse((BasicTable) r, schema);
    }

    /** How many rows of one partition match a where expression (all rows when where is null). */
    static long count(Lease c, TableSchema schema, Partition p, String where) throws IOException {
        StringBuilder f = new StringBuilder("def(dbUrl, tb");
        StringBuilder cond = new StringBuilder();
        for (int l = 0; l < p.keys().size(); l++) {
            f.append(", k").append(l + 1);
            if (l > 0) cond.append(" and ");
            cond.append("partition(").append(p.columns().get(l)).append(", k").append(l + 1).append(")");
        }
        if (where != null) cond.append(" and (").append(where).append(")");
        f.append(") { return exec count(*) from loadTable(dbUrl, tb) where ").append(cond).append(" }");
        List<Entity> args = new ArrayList<>(List.of(new BasicString(schema.database()), new BasicString(schema.table())));
        args.addAll(p.keys());
        return number(c.call(f.toString(), args));
    }

    static long number(Entity e) {
        if (e == null || !(e instanceof Scalar s) || s.isNull()) return 0;
        try {
            return s.getNumber().longValue();
        } catch (Exception ex) {
            throw new IllegalStateException("Expected a number from the server, got " + e.getString(), ex);
        }
    }
}
