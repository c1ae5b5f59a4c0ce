package io.ddbsync.standin.functions;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import com.xxdb.data.Vector;
import io.ddbsync.standin.dfs.*;
import io.ddbsync.standin.script.*;
import io.ddbsync.standin.value.*;

import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.Set;

import static io.ddbsync.standin.script.Builtins.add;
import static io.ddbsync.standin.script.Builtins.alias;

/** DFS databases and tables: create, load, write, inspect, drop. */
public final class DfsFunctions {
    private DfsFunctions() {
    }

    public static void register() {
        add("database([directory], [partitionType], [partitionScheme], [locations], [engine], [atomic], [chunkGranularity])", DfsFunctions::database);
        add("createPartitionedTable(dbHandle, table, tableName, partitionColumns, [compressMethods], [sortColumns], [keepDuplicates], [sortKeyMappingFunction], [softDelete], [indexes])",
                a -> createTable(a, true));
        add("createDimensionTable(dbHandle, table, tableName, [compressMethods], [sortColumns], [keepDuplicates], [softDelete], [indexes])",
                a -> createTable(a, false));
        alias("createTable", "createDimensionTable");
        add("loadTable(database, tableName, [partitions], [memoryMode])", a -> {
            Database db = databaseArg(a, 0);
            String name = a.string(1);
            DfsTable t = db.table(name);
            if (t == null) {
                throw new ScriptException("getFileBlocksMeta on path '/" + db.name() + "/" + name + ".tbl' failed, reason: path does not exist");
            }
            return new TableHandle(t);
        });
        add("append!(obj, newData)", DfsFunctions::append);
        alias("push!", "append!");
        add("tableInsert(table, args, ...)", DfsFunctions::tableInsert);
        add("schema(table)", DfsFunctions::schema);
        add("existsDatabase(dbUrl)", a -> {
            String url = a.string(0);
            return new BasicBoolean(a.session().node().catalog().exists(url));
        });
        add("existsTable(dbUrl, tableName)", a -> {
            String url = a.string(0);
            // as in DolphinDB, a partition path under the database also answers for the database
            int slash = url.indexOf('/', "dfs://".length());
            String dbUrl = slash > 0 ? url.substring(0, slash) : url;
            Database db = a.session().node().catalog().get(dbUrl);
            return new BasicBoolean(db != null && db.table(a.string(1)) != null);
        });
        add("dropDatabase(dbDir)", a -> {
            requireLogin(a, "create or delete databases");
            a.session().node().catalog().drop(a.string(0));
            return new com.xxdb.data.Void();
        });
        add("dropTable(dbHandle, tableName)", a -> {
            requireLogin(a, "create or delete databases");
            databaseArg(a, 0).dropTable(a.string(1));
            return new com.xxdb.data.Void();
        });
        add("dropPartition(dbHandle, partitionPaths, [tableName], [forceDelete], [deleteSchema])", DfsFunctions::dropPartition);
        add("truncate(dbUrl, tableName)", a -> {
            DfsTable t = databaseArg(a, 0).requireTable(a.string(1));
            new TableHandle(t).checkWrite(a.session());
            t.truncate();
            return new com.xxdb.data.Void();
        });
        add("getTables(dbHandle)", a -> new BasicStringVector(databaseArg(a, 0).tables().stream().map(DfsTable::name).toArray(String[]::new)));
        add("listTables(dbUrl)", a -> {
            Collection<DfsTable> tables = databaseArg(a, 0).tables();
            return new BasicTable(List.of("tableName", "physicalIndex"),
                    List.of(new BasicStringVector(tables.stream().map(DfsTable::name).toArray(String[]::new)),
                            new BasicStringVector(tables.stream().map(DfsTable::physicalIndex).toArray(String[]::new))));
        });
        add("getTabletsMeta([chunkPath], [tableName], [diskUsage], [top])", DfsFunctions::tabletsMeta);
        add("pnodeRun(function, [nodes], [addNodeAlias])", a -> {
            if (!(a.get(0) instanceof FunctionValue f)) throw a.argument(0, "must be a function");
            return a.interpreter().call(f, List.of());
        });
        add("getClusterDFSDatabases([includeSysDb])", a -> new BasicStringVector(
                a.session().node().catalog().all().stream().map(Database::path).toArray(String[]::new)));
        add("getDFSTablesByDatabase(dbUrl)", a -> {
            Database db = a.session().node().catalog().require(a.string(0));
            return new BasicStringVector(db.tables().stream().map(t -> db.path() + "/" + t.name()).toArray(String[]::new));
        });
        add("addValuePartitions(dbHandle, newValues, [level])", a -> {
            Database db = databaseArg(a, 0);
            int level = (int) a.integer(2, 0);
            if (!(db.levels().get(level) instanceof PartitionScheme.Value v)) {
                throw new ScriptException("addValuePartitions only applies to a VALUE partition level");
            }
            Entity values = a.get(1);
            Vector vec = v.convertForRouting(values.isScalar() ? Vectors.repeat(values, 1) : (Vector) values);
            int before = v.size();
            for (int i = 0; i < vec.rows(); i++) v.add(Vectors.scalarAt(vec, i));
            db.persistDomain();
            return new BasicInt(v.size() - before);
        });
    }

    static void requireLogin(Args a, String what) {
        if (!a.session().loggedIn()) throw new ScriptException("<NoPrivilege>Not granted to " + what);
    }

    /** A database given as a handle or as its path. */
    public static Database databaseArg(Args a, int i) {
        Entity e = a.get(i);
        if (e instanceof DbHandle h && h.database() != null) return h.database();
        if (e instanceof TableHandle t) return t.table().database();
        if (e.isScalar() && (e.getDataType() == DATA_TYPE.DT_STRING || e.getDataType() == DATA_TYPE.DT_SYMBOL)) {
            String path = Scalars.text(e);
            Database db = a.session().node().catalog().get(path);
            if (db == null) throw new ScriptException("The database [" + path + "] does not exist.");
            return db;
        }
        throw a.argument(i, "must be a DFS database handle or path");
    }

    private static Entity database(Args a) {
        String dir = a.has(0) ? a.string(0) : "";
        Catalog catalog = a.session().node().catalog();
        if (!a.has(1)) {
            if (dir.isEmpty()) throw new ScriptException("The partition type must be given for a new database");
            Database db = catalog.get(dir);
            if (db == null) throw new ScriptException("The database [" + dir + "] does not exist.");
            return new DbHandle(db);
        }
        int type = (int) a.integer(1);
        Entity scheme = a.get(2);
        List<PartitionScheme> levels = new ArrayList<>();
        if (type == PartitionScheme.COMPO) {
            if (scheme.rows() < 2 || scheme.rows() > 3) throw new ScriptException("A COMPO database needs 2 or 3 database handles");
            for (int i = 0; i < scheme.rows(); i++) {
                if (!(Interpreter.element(scheme, i) instanceof DbHandle h)) throw a.argument(2, "must be a vector of database handles");
                levels.addAll(h.levels());
            }
        } else {
            levels.add(PartitionScheme.create(type, scheme));
        }
        if (dir.isEmpty()) return new DbHandle(levels);
        requireLogin(a, "create or delete databases");
        String engine = a.has(4) ? Scalars.text(a.get(4)).toUpperCase() : "OLAP";
        if (!engine.equals("OLAP") && !engine.equals("TSDB")) throw new ScriptException("The storage engine " + engine + " is not supported by this server");
        String atomic = a.has(5) ? Scalars.text(a.get(5)).toUpperCase() : "TRANS";
        return new DbHandle(catalog.create(dir, levels, engine, atomic));
    }

    private static Entity createTable(Args a, boolean partitioned) {
        requireLogin(a, "create or delete databases");
        Database db = databaseArg(a, 0);
        Entity template = a.get(1);
        if (!(template instanceof Table t)) throw a.argument(1, "must be a table");
        String name = a.string(2);
        List<DfsTable.Column> cols = new ArrayList<>();
        for (int i = 0; i < t.columns(); i++) {
            Vector v = t.getColumn(i);
            cols.add(new DfsTable.Column(t.getColumnName(i), v.getDataType(), Vectors.scale(v)));
        }
        List<String> partitionColumns = partitioned ? a.strings(3) : List.of();
        int sortAt = partitioned ? 5 : 4;
        List<String> sortColumns = a.has(sortAt) ? a.strings(sortAt) : List.of();
        String keep = a.has(sortAt + 1) ? Scalars.text(a.get(sortAt + 1)).toUpperCase() : "ALL";
        DfsTable table = db.createTable(name, cols, partitionColumns, sortColumns, keep);
        return new TableHandle(table);
    }

    private static Entity append(Args a) {
        Entity target = a.get(0);
        Entity data = a.get(1);
        if (target instanceof TableHandle h) {
            h.checkWrite(a.session());
            h.table().append(tableOf(a, data, h.table().columns().size()));
            return target;
        }
        if (target instanceof BasicTable t) {
            appendInMemory(t, tableOf(a, data, t.columns()));
            return target;
        }
        if (target instanceof Vector v) {
            try {
                if (data instanceof Vector dv) v.Append(Casts.vector(dv, v.getDataType(), Vectors.scale(v), "append!"));
                else v.Append(Casts.scalar(data, v.getDataType(), Vectors.scale(v)));
            } catch (Exception e) {
                throw new ScriptException("append!: " + e.getMessage());
            }
            return target;
        }
        throw a.argument(0, "must be a table or a vector");
    }

    /** The rows to insert: a table, or one vector (or scalar) per column. */
    private static Table tableOf(Args a, Entity data, int columns) {
        if (data instanceof TableHandle h) return h.materialize(a.session());
        if (data instanceof Table t) return t;
        throw new ScriptException("The data to append must be a table");
    }

    static void appendInMemory(BasicTable target, Table data) {
        if (data.columns() != target.columns()) {
            throw new ScriptException("The number of columns of the current table must match that of the target table. RefId:S01015.");
        }
        List<Vector> cols = new ArrayList<>();
        for (int c = 0; c < target.columns(); c++) {
            Vector old = target.getColumn(c);
            Vector add = data.getColumn(c);
            if (!Types.compatibleForWrite(add.getDataType(), old.getDataType())) {
                throw new ScriptException("The column [" + target.getColumnName(c) + "] expects type of " + old.getDataType().getName()
                        + ", but the actual type is " + add.getDataType().getName() + ". RefId:S05004");
            }
            cols.add(Vectors.concat(List.of(old, Casts.vector(add, old.getDataType(), Vectors.scale(old), "append!"))));
        }
        target.setColumns(cols);
    }

    private static Entity tableInsert(Args a) {
        Entity target = a.get(0);
        if (target.isScalar() && target.getDataType() == DATA_TYPE.DT_STRING) {
            String name = Scalars.text(target);
            target = a.session().variable(name);
            if (target == null) throw new ScriptException("Syntax Error: [line #1] Cannot recognize the token " + name);
        }
        int columns = target instanceof TableHandle h ? h.table().columns().size() : target.columns();
        Table data;
        if (a.size() == 2 && a.get(1) instanceof Table t) {
            data = t;
        } else {
            List<String> names = new ArrayList<>();
            List<Vector> cols = new ArrayList<>();
            for (int i = 1; i < a.size(); i++) {
                Entity e = a.get(i);
                names.add("col" + i);
                cols.add(e.isScalar() ? Vectors.repeat(e, 1) : (Vector) e);
            }
            data = new BasicTable(names, cols);
        }
        if (target instanceof TableHandle h) {
            h.checkWrite(a.session());
            return new BasicInt(h.table().append(data));
        }
        if (target instanceof BasicTable t) {
            appendInMemory(t, data);
            return new BasicInt(data.rows());
        }
        throw a.argument(0, "must be a table");
    }

    private static Entity schema(Args a) {
        Entity x = a.get(0);
        if (x instanceof TableHandle h) return h.table().schema();
        if (x instanceof DbHandle h) {
            DictValue d = new DictValue();
            List<PartitionScheme> levels = h.levels();
            if (h.database() != null) {
                d.put("databaseDir", new BasicString(h.database().path()));
                d.put("engineType", new BasicString(h.database().engine()));
                d.put("atomic", new BasicString(h.database().atomic()));
                d.put("chunkGranularity", new BasicString("TABLE"));
            }
            if (levels.size() == 1) {
                d.put("partitionType", new BasicInt(levels.get(0).typeCode()));
                d.put("partitionTypeName", new BasicString(levels.get(0).typeName()));
                d.put("partitionColumnType", new BasicInt(levels.get(0).columnType().getValue()));
                d.put("partitionSchema", levels.get(0).schemaEntity());
            } else {
                int n = levels.size();
                BasicAnyVector schemes = new BasicAnyVector(n);
                int[] types = new int[n];
                int[] colTypes = new int[n];
                String[] names = new String[n];
                for (int i = 0; i < n; i++) {
                    types[i] = levels.get(i).typeCode();
                    colTypes[i] = levels.get(i).columnType().getValue();
                    names[i] = levels.get(i).typeName();
                    schemes.setEntity(i, levels.get(i).schemaEntity());
                }
                d.put("partitionType", new BasicIntVector(types));
                d.put("partitionTypeName", new BasicStringVector(names));
                d.put("partitionColumnType", new BasicIntVector(colTypes));
                d.put("partitionSchema", schemes);
            }
            return d;
        }
        if (x instanceof BasicTable t) {
            DictValue d = new DictValue();
            int n = t.columns();
            String[] names = new String[n];
            String[] typeStrings = new String[n];
            int[] typeInts = new int[n];
            int[] extra = new int[n];
            for (int i = 0; i < n; i++) {
                names[i] = t.getColumnName(i);
                DATA_TYPE dt = t.getColumn(i).getDataType();
                typeStrings[i] = dt.getName();
                typeInts[i] = dt.getValue();
                extra[i] = Types.isDecimal(dt) ? Vectors.scale(t.getColumn(i)) : Integer.MIN_VALUE;
            }
            d.put("colDefs", new BasicTable(List.of("name", "typeString", "typeInt", "extra", "comment"),
                    List.of(new BasicStringVector(names), new BasicStringVector(typeStrings), new BasicIntVector(typeInts),
                            new BasicIntVector(extra), new BasicStringVector(new String[n]))));
            return d;
        }
        throw a.argument(0, "must be a table or a database handle");
    }

    private static Entity dropPartition(Args a) {
        Database db = databaseArg(a, 0);
        Entity spec = a.get(1);
        List<DfsTable> tables = a.has(2) ? List.of(db.requireTable(a.string(2))) : new ArrayList<>(db.tables());
        for (DfsTable t : tables) new TableHandle(t).checkWrite(a.session());
        List<String> requested = PartitionSelector.isPathForm(spec) ? PartitionSelector.paths(spec) : PartitionSelector.byFilter(db, spec);
        boolean any = false;
        for (DfsTable t : tables) {
            Set<String> existing = new HashSet<>(t.partitionPaths());
            List<String> doomed = requested.stream().filter(existing::contains).toList();
            if (!doomed.isEmpty()) any = true;
            t.dropPartitions(doomed);
        }
        if (!any) throw new ScriptException("None of the specified partitions exist. RefId:S01056");
        if (a.bool(4, false) && db.levels().size() == 1 && db.levels().get(0) instanceof PartitionScheme.Value v && db.tables().size() == 1) {
            for (String p : requested) {
                int at = v.indexOfDir(p.substring(1));
                if (at >= 0) v.remove(at);
            }
            db.persistDomain();
        }
        return new com.xxdb.data.Void();
    }

    /** getTabletsMeta: one row per partition of a table that holds rows. */
    private static Entity tabletsMeta(Args a) {
        String pattern = a.has(0) ? a.string(0) : "%";
        String tableFilter = a.has(1) ? a.string(1) : null;
        long top = a.integer(3, 1024);
        List<String> chunkId = new ArrayList<>(), path = new ArrayList<>(), dfsPath = new ArrayList<>(), table = new ArrayList<>(), physical = new ArrayList<>();
        List<Long> version = new ArrayList<>(), rows = new ArrayList<>(), disk = new ArrayList<>();
        // the chunk path's literal beginning (up to a wildcard) names the database and the partitions' common prefix:
        // only those are looked at, as DolphinDB's controller looks chunks up by path (the pattern still decides)
        String literal = pattern.substring(0, literalLength(pattern));
        String[] named = literal.startsWith("/") ? literal.substring(1).split("/", 2) : new String[0];
        boolean databaseNamed = named.length == 2;
        String partitionPrefix = databaseNamed ? "/" + named[1] : "";
        outer:
        for (Database db : a.session().node().catalog().all()) {
            if (databaseNamed && !db.name().equals(named[0])) continue;
            for (DfsTable t : db.tables()) {
                if (tableFilter != null && !t.name().equals(tableFilter)) continue;
                for (DfsTable.PartitionInfo p : t.partitionInfos(partitionPrefix)) {
                    String chunkPath = "/" + db.name() + (p.path().equals("/") ? "" : p.path());
                    if (!matchesWildcard(pattern, chunkPath)) continue;
                    if (top >= 0 && rows.size() >= top) break outer;
                    chunkId.add(CHUNK_IDS.get(db.path() + p.path() + "/" + t.name()));
                    path.add(db.storage().chunkDir(p.path(), t.name()).toString());
                    dfsPath.add(chunkPath + "/" + t.physicalIndex());
                    table.add(t.name());
                    version.add(p.version());
                    rows.add(p.rows());
                    physical.add(t.physicalIndex());
                    disk.add(0L);
                }
            }
        }
        return new BasicTable(List.of("chunkId", "path", "dfsPath", "tableName", "version", "rowNum", "createCids", "latestPhysicalDir", "diskUsage"),
                List.of(new BasicStringVector(chunkId.toArray(new String[0])), new BasicStringVector(path.toArray(new String[0])),
                        new BasicStringVector(dfsPath.toArray(new String[0])), new BasicStringVector(table.toArray(new String[0])),
                        new BasicLongVector(version.stream().mapToLong(Long::longValue).toArray()),
                        new BasicLongVector(rows.stream().mapToLong(Long::longValue).toArray()),
                        new BasicStringVector(version.stream().map(String::valueOf).toArray(String[]::new)),
                        new BasicStringVector(physical.toArray(new String[0])),
                        new BasicLongVector(disk.stream().mapToLong(Long::longValue).toArray())));
    }

    /**
     * Whether the text matches the pattern of DolphinDB's path wildcards as a whole ({@link #wildcard}):
     * matched directly rather than by a regex, which a client listing one partition at a time would
     * have compiled for every call. At a mismatch the last % or * takes one more character.
     */
    static boolean matchesWildcard(String pattern, String text) {
        int p = 0;
        int t = 0;
        int starAt = -1;
        int starText = 0;
        while (t < text.length()) {
            char c = p < pattern.length() ? pattern.charAt(p) : 0;
            if (p < pattern.length() && (c == '%' || c == '*')) {
                starAt = p++;
                starText = t;
            } else if (p < pattern.length() && (c == '?' || c == text.charAt(t))) {
                p++;
                t++;
            } else if (starAt >= 0) {
                p = starAt + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && (pattern.charAt(p) == '%' || pattern.charAt(p) == '*')) p++;
        return p == pattern.length();
    }

    /**
     * A chunk's id, by its database, partition and table: a name-based UUID, made once (an MD5
     * digest a chunk listed was a tenth of the stand-in's work copying thousands of partitions).
     */
    private static final TextCache<String> CHUNK_IDS = new TextCache<>(8192, 1024,
            name -> UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());

    /** How many characters the pattern starts with before its first wildcard. */
    private static int literalLength(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (isWildcard(pattern.charAt(i))) return i;
        }
        return pattern.length();
    }

    private static boolean isWildcard(char c) {
        return c == '%' || c == '*' || c == '?';
    }

    /** DolphinDB's path wildcards: % and * any run of characters, ? one character; every other character stands for itself. */
    public static String wildcard(String pattern) {
        StringBuilder sb = new StringBuilder();
        int literalFrom = 0;
        for (int i = 0; i <= pattern.length(); i++) {
            if (i < pattern.length() && !isWildcard(pattern.charAt(i))) continue;
            if (i > literalFrom) sb.append(java.util.regex.Pattern.quote(pattern.substring(literalFrom, i)));
            if (i < pattern.length()) sb.append(pattern.charAt(i) == '?' ? "." : ".*");
            literalFrom = i + 1;
        }
        return sb.toString();
    }
}
