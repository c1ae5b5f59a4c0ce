package io.ddbsync.camel;

import com.xxdb.data.*;
import com.xxdb.data.Vector;
import io.ddbsync.camel.wire.WireTable;

import java.util.*;

/**
 * Turns the body of an append into a table that fits the target table, or fails before anything
 * is written, naming the column and both types. A table body is matched by column name (append!
 * itself matches by position, which silently swaps same-typed columns when the order differs);
 * a List of Maps by key; a List of Lists by position.
 */
public final class AppendData {
    private AppendData() {
    }

    public static BasicTable toTable(Object body, TableSchema target) {
        if (body instanceof BasicTable t) return fromTable(t, target);
        if (body instanceof List<?> rows) {
            if (rows.isEmpty() || rows.get(0) instanceof Map) return fromMaps(rows, target);
            if (rows.get(0) instanceof List) return fromLists(rows, target);
        }
        throw new IllegalArgumentException("append needs a BasicTable, a List of Maps or a List of Lists as body, not "
                + (body == null ? "null" : body.getClass().getName()));
    }

    /**
     * Whether a block in wire form can be written as it is: its columns are the target's, by name
     * and in the same order (tableInsert matches by position), each of a type the target's column
     * takes. Otherwise decode it and let {@link #toTable} match it by name.
     */
    public static boolean fitsAsIs(WireTable t, TableSchema target) {
        List<TableSchema.Column> cols = target.columns();
        if (t.columns() != cols.size()) return false;
        for (int i = 0; i < cols.size(); i++) {
            WireTable.Column c = t.getColumns().get(i);
            if (!c.name().equalsIgnoreCase(cols.get(i).name()) || !WriteTypes.compatible(c.type(), cols.get(i).dataType())) return false;
        }
        return true;
    }

    private static BasicTable fromTable(BasicTable t, TableSchema target) {
        List<TableSchema.Column> cols = target.columns();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < t.columns(); i++) byName.put(t.getColumnName(i).toLowerCase(Locale.ROOT), i);
        for (int i = 0; i < t.columns(); i++) {
            if (target.column(t.getColumnName(i)) == null) {
                throw new IllegalArgumentException("Column '" + t.getColumnName(i) + "' of the data does not exist in " + where(target));
            }
        }
        List<Vector> out = new ArrayList<>();
        for (TableSchema.Column c : cols) {
            Integer at = byName.get(c.name().toLowerCase(Locale.ROOT));
            if (at == null) throw new IllegalArgumentException("The data has no column '" + c.name() + "' (" + c.typeString() + ") of " + where(target));
            Vector v = t.getColumn(at);
            if (!WriteTypes.compatible(v.getDataType(), c.dataType())) {
                throw new IllegalArgumentException("Column '" + c.name() + "' of " + where(target) + " has type " + c.typeString()
                        + ", but the data has type " + WriteTypes.name(v.getDataType()));
            }
            out.add(v);
        }
        return new BasicTable(target.columnNames(), out);
    }

    private static BasicTable fromMaps(List<?> rows, TableSchema target) {
        return fromRows(rows, target, (row, number) -> {
            if (!(row instanceof Map<?, ?> map)) throw new IllegalArgumentException("Row " + number + " is not a Map");
            Map<String, Object> lower = new HashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (target.column(key) == null) {
                    throw new IllegalArgumentException("Column '" + key + "' of row " + number + " does not exist in " + where(target));
                }
                lower.put(key.toLowerCase(Locale.ROOT), e.getValue());
            }
            return target.columns().stream().map(c -> lower.get(c.name().toLowerCase(Locale.ROOT))).toList();
        });
    }

    private static BasicTable fromLists(List<?> rows, TableSchema target) {
        return fromRows(rows, target, (row, number) -> {
            if (!(row instanceof List<?> values)) throw new IllegalArgumentException("Row " + number + " is not a List");
            if (values.size() != target.columns().size()) {
                throw new IllegalArgumentException("Row " + number + " has " + values.size() + " values, but " + where(target) + " has "
                        + target.columns().size() + " columns " + target.columnNames());
            }
            return values;
        });
    }

    /** One row's values in the target's column order, or a failure naming the row (counted from 1). */
    private interface RowValues {
        List<?> inColumnOrder(Object row, int number);
    }

    private static BasicTable fromRows(List<?> rows, TableSchema target, RowValues rowValues) {
        List<TableSchema.Column> cols = target.columns();
        List<Vector> vectors = new ArrayList<>();
        for (TableSchema.Column c : cols) vectors.add(Vectors.create(c.dataType(), rows.size(), c.scale()));
        for (int r = 0; r < rows.size(); r++) {
            List<?> values = rowValues.inColumnOrder(rows.get(r), r + 1);
            for (int c = 0; c < cols.size(); c++) set(vectors.get(c), r, cols.get(c), values.get(c), target);
        }
        return new BasicTable(target.columnNames(), vectors);
    }

    private static void set(Vector v, int row, TableSchema.Column c, Object value, TableSchema target) {
        if (value == null) {
            v.setNull(row);
            return;
        }
        try {
            Scalar s = value instanceof Scalar given ? given : (Scalar) BasicEntityFactory.createScalar(c.dataType(), value, c.scale());
            if (!WriteTypes.compatible(s.getDataType(), c.dataType())) throw new IllegalArgumentException("incompatible");
            v.set(row, s);
        } catch (Exception e) {
            throw new IllegalArgumentException("Column '" + c.name() + "' of " + where(target) + " has type " + c.typeString()
                    + ", but row " + (row + 1) + " has " + value.getClass().getSimpleName() + " '" + value + "'", e);
        }
    }

    private static String where(TableSchema t) {
        return t.database() + "/" + t.table();
    }
}
