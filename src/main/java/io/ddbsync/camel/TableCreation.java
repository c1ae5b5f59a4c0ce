package io.ddbsync.camel;

import com.xxdb.data.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The server functions that create a database and a table like a given schema, and add VALUE
 * partitions. Each is a fixed function text whose parameters carry every value (paths, names,
 * partition schemes) as typed arguments; only the shape (number of levels, engine options)
 * changes the text.
 */
public final class TableCreation {
    private static final Set<String> KEEP_DUPLICATES = Set.of("ALL", "LAST", "FIRST");

    /** A function text and the arguments to call it with. */
    public record Call(String function, List<Entity> args) {}

    private TableCreation() {
    }

    /** database(dbUrl, ...) with the schema's partitioning (COMPO for several levels) and engine. */
    public static Call createDatabase(TableSchema s) {
        List<TableSchema.Level> levels = s.levels();
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("Cannot create database " + s.database() + " for a table that is not partitioned");
        }
        List<Entity> args = new ArrayList<>();
        args.add(new BasicString(Names.database(s.database())));
        List<String> params = new ArrayList<>(List.of("dbUrl"));
        for (int l = 0; l < levels.size(); l++) {
            params.add("t" + (l + 1));
            params.add("s" + (l + 1));
            args.add(new BasicInt(levels.get(l).type()));
            args.add(schemeArgument(levels.get(l)));
        }
        params.add("engine");
        args.add(new BasicString(s.engine()));
        String body;
        if (levels.size() == 1) {
            body = "return database(directory=dbUrl, partitionType=t1, partitionScheme=s1, engine=engine)";
        } else {
            StringBuilder sb = new StringBuilder();
            List<String> handles = new ArrayList<>();
            for (int l = 1; l <= levels.size(); l++) {
                sb.append("db").append(l).append(" = database(\"\", t").append(l).append(", s").append(l).append("); ");
                handles.add("db" + l);
            }
            body = sb + "return database(directory=dbUrl, partitionType=COMPO, partitionScheme=[" + String.join(", ", handles) + "], engine=engine)";
        }
        return new Call("def(" + String.join(", ", params) + ") { " + body + " }", args);
    }

    /** schema() shows a HASH level as its bucket count; database() wants [type, buckets]. */
    private static Entity schemeArgument(TableSchema.Level level) {
        if (level.type() == TableSchema.HASH) {
            int buckets;
            try {
                buckets = ((Scalar) level.scheme()).getNumber().intValue();
            } catch (Exception e) {
                throw new IllegalArgumentException("Unexpected HASH scheme " + level.scheme().getString(), e);
            }
            return new BasicIntVector(new int[]{level.columnType(), buckets});
        }
        return level.scheme();
    }

    /** createPartitionedTable (or createDimensionTable) with the schema's columns, partitioning and sort columns. */
    public static Call createTable(TableSchema s) {
        List<Entity> args = new ArrayList<>();
        args.add(new BasicString(Names.database(s.database())));
        args.add(new BasicString(Names.table(s.table())));
        args.add(strings(s.columns().stream().map(c -> Names.column(c.name())).toList()));
        args.add(strings(s.columns().stream().map(TableSchema.Column::typeString).toList()));
        List<String> params = new ArrayList<>(List.of("dbUrl", "tb", "names", "types"));
        StringBuilder call = new StringBuilder();
        if (s.isPartitioned()) {
            params.add("pcols");
            args.add(strings(s.partitionColumns().stream().map(Names::column).toList()));
            call.append("createPartitionedTable(dbHandle=database(dbUrl), table=table(1:0, names, types), tableName=tb, partitionColumns=pcols");
        } else {
            call.append("createDimensionTable(dbHandle=database(dbUrl), table=table(1:0, names, types), tableName=tb");
        }
        if (!s.sortColumns().isEmpty()) {
            params.add("sortCols");
            args.add(strings(s.sortColumns().stream().map(Names::column).toList()));
            call.append(", sortColumns=sortCols");
            String keep = s.keepDuplicates() == null ? "ALL" : s.keepDuplicates().toUpperCase();
            // ALL, LAST and FIRST are keywords in DolphinDB, so the checked word goes into the text
            if (!KEEP_DUPLICATES.contains(keep)) throw new IllegalArgumentException("Unknown keepDuplicates " + keep);
            call.append(", keepDuplicates=").append(keep);
        }
        call.append(")");
        return new Call("def(" + String.join(", ", params) + ") { return " + call + " }", args);
    }

    /** addValuePartitions(database(dbUrl), values, level). */
    public static Call addValuePartitions(String database, int level, List<Entity> values) {
        Vector v = vectorOf(values);
        return new Call("def(dbUrl, v, level) { return addValuePartitions(database(dbUrl), v, level) }",
                List.of(new BasicString(Names.database(database)), v, new BasicInt(level)));
    }

    private static Vector vectorOf(List<Entity> values) {
        Entity.DATA_TYPE type = values.get(0).getDataType();
        return Vectors.of(type, values);
    }

    private static BasicStringVector strings(List<String> values) {
        return new BasicStringVector(values.toArray(new String[0]));
    }
}
