package io.ddbsync.standin.backup;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.dfs.DfsTable;
import io.ddbsync.standin.dfs.Storage;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.value.Vectors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code _metaData} file of a table's backup: how it was made, which table it came from, and
 * the columns of the backed-up rows (for a SQL backup, the query's columns), plus what it takes to
 * create the table again (partitioning and sort columns). It names no host, path or node.
 */
record TableBackupMeta(BackupMethod method, String dbPath, String tableName, String physicalIndex,
                       List<DfsTable.Column> columns, List<String> partitionColumns, List<String> sortColumns,
                       String keepDuplicates, boolean dimension) {

    private static final String FORMAT = "ddbsync-standin-backup/1";

    TableBackupMeta {
        columns = List.copyOf(columns);
        partitionColumns = List.copyOf(partitionColumns);
        sortColumns = List.copyOf(sortColumns);
    }

    static TableBackupMeta of(BackupMethod method, DfsTable t, List<DfsTable.Column> columns) {
        return new TableBackupMeta(method, t.database().path(), t.name(), t.physicalIndex(), columns, t.partitionColumns(),
                t.sortColumns(), keepDuplicatesOf(t), t.isDimension());
    }

    private static String keepDuplicatesOf(DfsTable t) {
        Entity k = t.schema().get("keepDuplicates");
        return k == null ? "ALL" : k.getString();
    }

    /** The columns of a table, as the metadata records them. */
    static List<DfsTable.Column> columnsOf(Table t) {
        List<DfsTable.Column> cols = new ArrayList<>();
        for (int i = 0; i < t.columns(); i++) {
            Vector v = t.getColumn(i);
            cols.add(new DfsTable.Column(t.getColumnName(i), v.getDataType(), Vectors.scale(v)));
        }
        return cols;
    }

    String qualifiedName() {
        return dbPath + "/" + tableName;
    }

    /** "[a INT, b DECIMAL32(2)]": a schema as error messages show it. */
    static String describe(List<DfsTable.Column> columns) {
        return columns.stream().map(c -> c.name() + " " + c.typeString()).collect(Collectors.joining(", ", "[", "]"));
    }

    /** colDefs as schema() and getBackupMeta show them. */
    BasicTable colDefs() {
        return DfsTable.colDefs(columns);
    }

    void write(Path tableDir) throws IOException {
        BasicAnyVector v = new BasicAnyVector(10);
        v.setEntity(0, new BasicString(FORMAT));
        v.setEntity(1, new BasicString(method.name()));
        v.setEntity(2, new BasicString(dbPath));
        v.setEntity(3, new BasicString(tableName));
        v.setEntity(4, new BasicString(physicalIndex));
        v.setEntity(5, colDefs());
        v.setEntity(6, strings(partitionColumns));
        v.setEntity(7, strings(sortColumns));
        v.setEntity(8, new BasicString(keepDuplicates));
        v.setEntity(9, new BasicBoolean(dimension));
        Storage.writeAtomically(tableDir.resolve(BackupLayout.META), v);
    }

    private static BasicStringVector strings(List<String> s) {
        return new BasicStringVector(s.toArray(new String[0]));
    }

    static TableBackupMeta read(Path tableDir) {
        Path file = tableDir.resolve(BackupLayout.META);
        try {
            BasicAnyVector v = (BasicAnyVector) Storage.readEntity(file);
            if (!v.getEntity(0).getString().equals(FORMAT)) throw new IllegalStateException("unknown format " + v.getEntity(0).getString());
            BasicTable defs = (BasicTable) v.getEntity(5);
            List<DfsTable.Column> cols = new ArrayList<>();
            for (int i = 0; i < defs.rows(); i++) {
                int extra = ((BasicIntVector) defs.getColumn("extra")).getInt(i);
                cols.add(new DfsTable.Column(defs.getColumn("name").getString(i),
                        DATA_TYPE.valueOf(((BasicIntVector) defs.getColumn("typeInt")).getInt(i)), extra == Integer.MIN_VALUE ? 0 : extra));
            }
            return new TableBackupMeta(BackupMethod.valueOf(v.getEntity(1).getString()), v.getEntity(2).getString(),
                    v.getEntity(3).getString(), v.getEntity(4).getString(), cols,
                    List.of(Vectors.strings((Vector) v.getEntity(6))), List.of(Vectors.strings((Vector) v.getEntity(7))),
                    v.getEntity(8).getString(), ((BasicBoolean) v.getEntity(9)).getBoolean());
        } catch (IOException | RuntimeException e) {
            throw new ScriptException("The backup metadata file " + file + " is unreadable: " + e.getMessage());
        }
    }
}
