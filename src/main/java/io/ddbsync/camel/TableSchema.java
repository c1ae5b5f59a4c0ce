package io.ddbsync.camel;

import com.xxdb.data.*;
import com.xxdb.data.Vector;

import java.util.*;

/**
 * A DFS table's schema as DolphinDB's {@code schema(loadTable(db, table))} reports it: columns,
 * partitioning (one level, or several for COMPO), storage engine and, for TSDB, sort columns.
 * It is what the {@code schema} operation returns and what {@code ensureTable} creates a table from.
 *
 * @param database       the database path, e.g. {@code dfs://ticks}
 * @param table          the table name
 * @param engine         the storage engine (OLAP when the server does not say)
 * @param columns        the columns, in table order
 * @param levels         the partitioning levels: none for an unpartitioned table, several for COMPO
 * @param sortColumns    the TSDB sort columns; empty for OLAP
 * @param keepDuplicates the TSDB keepDuplicates setting; null when the server does not report one
 */
public record TableSchema(String database, String table, String engine, List<Column> columns, List<Level> levels,
                          List<String> sortColumns, String keepDuplicates) {
    public static final int VALUE = 1, RANGE = 2, LIST = 3, COMPO = 4, HASH = 5;

    /** One column: name, type name as DolphinDB writes it (DECIMAL32(2)), type id, decimal scale. */
    public record Column(String name, String typeString, int typeInt, int scale) {
        public Entity.DATA_TYPE dataType() {
            return Entity.DATA_TYPE.valueOf(typeInt);
        }

        @Override
        public String toString() {
            return name + " " + typeString;
        }
    }

    /**
     * One partitioning level. {@code scheme} is what schema() shows: the values (VALUE), the
     * boundaries (RANGE), the bucket count (HASH) or a tuple of value lists (LIST).
     */
    public record Level(String column, int type, int columnType, Entity scheme) {
        public String typeName() {
            return switch (type) {
                case VALUE -> "VALUE";
                case RANGE -> "RANGE";
                case LIST -> "LIST";
                case HASH -> "HASH";
                default -> "type " + type;
            };
        }

        public Entity.DATA_TYPE columnDataType() {
            return Entity.DATA_TYPE.valueOf(columnType);
        }
    }

    public TableSchema {
        engine = engine == null ? "OLAP" : engine;
        columns = List.copyOf(columns);
        levels = List.copyOf(levels);
        sortColumns = List.copyOf(sortColumns);
    }

    /** Reads the dictionary schema(loadTable(database, table)) returns. */
    public static TableSchema fromDictionary(String database, String table, BasicDictionary d) {
        BasicTable defs = (BasicTable) get(d, "colDefs");
        List<Column> cols = new ArrayList<>();
        Vector extra = defs.getColumn("extra");
        for (int i = 0; i < defs.rows(); i++) {
            int typeInt = number(defs.getColumn("typeInt").get(i));
            int scale = 0;
            if (extra != null && !extra.isNull(i)) scale = number(extra.get(i));
            cols.add(new Column(defs.getColumn("name").getString(i), defs.getColumn("typeString").getString(i), typeInt, scale));
        }
        List<Level> levels = new ArrayList<>();
        Entity names = get(d, "partitionColumnName");
        if (names != null) {
            Entity types = get(d, "partitionType");
            Entity colTypes = get(d, "partitionColumnType");
            Entity schemes = get(d, "partitionSchema");
            if (names.isScalar()) {
                levels.add(new Level(names.getString(), number(types), number(colTypes), schemes));
            } else {
                Vector n = (Vector) names;
                for (int i = 0; i < n.rows(); i++) {
                    levels.add(new Level(n.getString(i), number(((Vector) types).get(i)), number(((Vector) colTypes).get(i)),
                            ((BasicAnyVector) schemes).getEntity(i)));
                }
            }
        }
        Entity engine = get(d, "engineType");
        Entity sort = get(d, "sortColumns");
        Entity keep = get(d, "keepDuplicates");
        List<String> sortColumns = new ArrayList<>();
        if (sort != null) {
            if (sort.isScalar()) sortColumns.add(sort.getString());
            else for (int i = 0; i < sort.rows(); i++) sortColumns.add(((Vector) sort).getString(i));
        }
        return new TableSchema(database, table, engine == null ? "OLAP" : engine.getString(), cols, levels, sortColumns,
                keep == null ? null : keep.getString());
    }

    /**
     * The partitioning and engine of a database, from schema(database(path)), shaped as a table
     * without columns so it compares with {@link #partitioningOnly()}. A database does not name
     * partitioning columns, so they are taken from {@code like}.
     */
    public static TableSchema ofDatabase(TableSchema like, BasicDictionary d) {
        List<Level> levels = new ArrayList<>();
        Entity types = get(d, "partitionType");
        Entity colTypes = get(d, "partitionColumnType");
        Entity schemes = get(d, "partitionSchema");
        if (types.isScalar()) {
            levels.add(new Level(like.partitionColumns().get(0), number(types), number(colTypes), schemes));
        } else {
            for (int i = 0; i < types.rows(); i++) {
                String column = i < like.levels().size() ? like.levels().get(i).column() : "level" + (i + 1);
                levels.add(new Level(column, number(((Vector) types).get(i)), number(((Vector) colTypes).get(i)),
                        ((BasicAnyVector) schemes).getEntity(i)));
            }
        }
        Entity engine = get(d, "engineType");
        return new TableSchema(like.database(), like.table(), engine == null ? "OLAP" : engine.getString(), List.of(), levels, List.of(), null);
    }

    /** This schema's partitioning and engine only, to compare with {@link #ofDatabase}. */
    public TableSchema partitioningOnly() {
        return new TableSchema(database, table, engine, List.of(), levels, List.of(), null);
    }

    private static Entity get(BasicDictionary d, String key) {
        return d.get(new BasicString(key));
    }

    private static int number(Entity e) {
        try {
            return ((Scalar) e).getNumber().intValue();
        } catch (Exception ex) {
            throw new IllegalStateException("Unexpected schema value " + e.getString(), ex);
        }
    }

    /** The same table under another database and table name (ensureTable into a renamed target). */
    public TableSchema renamed(String newDatabase, String newTable) {
        return new TableSchema(newDatabase, newTable, engine, columns, levels, sortColumns, keepDuplicates);
    }

    /**
     * Only the given columns, in the given order. Partitioning and sort columns must stay, since
     * the target could not be partitioned (or sorted) like the source otherwise.
     */
    public TableSchema withColumns(List<String> keep) {
        if (keep == null || keep.isEmpty()) return this;
        List<Column> out = new ArrayList<>();
        for (String name : keep) {
            Column c = column(name);
            if (c == null) throw new IllegalArgumentException("Column '" + name + "' does not exist in " + database + "/" + table);
            out.add(c);
        }
        List<String> required = new ArrayList<>(partitionColumns());
        required.addAll(sortColumns);
        for (String r : required) {
            if (out.stream().noneMatch(c -> c.name().equalsIgnoreCase(r))) {
                throw new IllegalArgumentException("The column subset must keep partitioning and sort column '" + r + "'");
            }
        }
        return new TableSchema(database, table, engine, out, levels, sortColumns, keepDuplicates);
    }

    public Column column(String name) {
        for (Column c : columns) if (c.name().equalsIgnoreCase(name)) return c;
        return null;
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public List<String> partitionColumns() {
        return levels.stream().map(Level::column).toList();
    }

    public boolean isPartitioned() {
        return !levels.isEmpty();
    }

    /** "VALUE(date)" or "COMPO[VALUE(date), HASH(sym)]". */
    public String partitionDescription() {
        if (levels.isEmpty()) return "not partitioned";
        List<String> parts = new ArrayList<>();
        for (Level l : levels) parts.add(l.typeName() + "(" + l.column() + ")");
        return parts.size() == 1 ? parts.get(0) : "COMPO" + parts;
    }

    @Override
    public String toString() {
        return database + "/" + table + " " + columns + " " + partitionDescription() + " " + engine;
    }
}
