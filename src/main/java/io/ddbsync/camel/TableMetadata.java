package io.ddbsync.camel;

import com.xxdb.data.*;
import com.xxdb.data.Vector;

import java.io.IOException;
import java.util.*;
import java.util.Set;

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
     * node (pnodeRun); replicas on several nodes are listed once. Each has its version: the chunk id
     * and version, which change with every write to it, with its row count and the commit ids of its
     * data in case a chunk id were ever reused with its version counted again (null when replicas
     * disagree, as while one recovers).
     */
    static List<Partition> partitions(Lease c, TableSchema schema) throws IOException {
        return listed(c, schema, "/%");
    }

    /**
     * One partition (null when it holds no rows), listed by a chunk path pattern that starts with
     * its path rather than the whole table's: the online sync asks this for every partition it
     * copies, and a table may have thousands. The pattern may match other partitions too (a path
     * that is a prefix of another, or holds a wildcard character); they are dropped here.
     */
    static Partition partition(Lease c, TableSchema schema, String path) throws IOException {
        return partitionIn(listed(c, schema, path + "%"), path);
    }

    /** The partition of this path in a listing made by {@link #partitionPattern} (null when it holds no rows). */
    static Partition partitionIn(List<Partition> listed, String path) {
        return listed.stream().filter(p -> p.path().equals(path)).findFirst().orElse(null);
    }

    /** The server-side expression listing the partitions whose chunk paths match {@code pattern} of table {@code tb}. */
    static final String LISTING = "pnodeRun(getTabletsMeta{pattern, tb, false, -1})";

    /** The chunk path pattern of a partition path: the listing's {@code pattern} argument for {@link #partitionIn}. */
    static BasicString partitionPattern(TableSchema schema, String path) {
        return new BasicString(chunkPath(schema, path) + "%");
    }

    /** "/db/20240101": the start of a partition's chunk paths (getTabletsMeta's dfsPath) before the table's physical index. */
    static String chunkPath(TableSchema schema, String path) {
        return "/" + schema.database().substring("dfs://".length()) + path;
    }

    private static List<Partition> listed(Lease c, TableSchema schema, String pathPattern) throws IOException {
        String dbName = schema.database().substring("dfs://".length());
        Entity r = c.call("def(pattern, tb) { return " + LISTING + " }",
                List.of(new BasicString("/" + dbName + pathPattern), new BasicString(schema.table())));
        return parse((BasicTable) r, schema);
    }

    /** A listing's partitions (getTabletsMeta's rows, from every data node), with their versions, in path order. */
    static List<Partition> parse(BasicTable meta, TableSchema schema) {
        Vector dfsPaths = meta.getColumn("dfsPath");
        Vector rowNums = meta.getColumn("rowNum");
        Vector chunkIds = meta.getColumn("chunkId");
        Vector versions = meta.getColumn("version");
        Vector createCids = meta.getColumn("createCids");
        int levels = schema.levels().size();
        TreeMap<String, Long> rows = new TreeMap<>();
        Map<String, String> version = new HashMap<>();
        Set<String> replicasDisagree = new HashSet<>();
        for (int i = 0; i < meta.rows(); i++) {
            // dfsPath is /<db>/<level 1>/.../<level n>[/<table's physical index>]
            String[] parts = dfsPaths.getString(i).split("/");
            if (parts.length < levels + 2) continue;
            String path = "/" + String.join("/", Arrays.copyOfRange(parts, 2, 2 + levels));
            long n = number(rowNums.get(i));
            rows.merge(path, n, Math::max);
            String v = chunkIds == null || versions == null ? null
                    : chunkIds.getString(i) + "@" + versions.getString(i) + "/" + n + (createCids == null ? "" : "/" + createCids.getString(i).replace(" ", ""));
            String seen = version.putIfAbsent(path, v);
            if (v == null || seen != null && !seen.equals(v)) replicasDisagree.add(path);
        }
        List<Partition> out = new ArrayList<>();
        PartitionFilters.Resolver resolver = new PartitionFilters.Resolver(schema);
        for (Map.Entry<String, Long> e : rows.entrySet()) {
            String path = e.getKey();
            out.add(resolver.of(path, e.getValue()).withVersion(replicasDisagree.contains(path) ? null : version.get(path)));
        }
        return out;
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
