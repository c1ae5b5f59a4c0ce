package io.ddbsync.camel;

import com.xxdb.data.BasicAnyVector;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;

import java.util.*;

/**
 * Compares the table a sync expects (the source schema, renamed and trimmed) with the table that
 * exists on the target. Differences that would make the copy wrong are listed in words; VALUE
 * partition values the target lacks are collected separately, since ensureTable can add them.
 */
public final class SchemaDiff {
    private final List<String> differences = new ArrayList<>();
    private final Map<Integer, List<Entity>> missingValues = new TreeMap<>();

    private SchemaDiff() {
    }

    public static SchemaDiff compare(TableSchema expected, TableSchema actual) {
        SchemaDiff d = new SchemaDiff();
        d.compareColumns(expected, actual);
        d.comparePartitioning(expected, actual);
        if (!expected.engine().equalsIgnoreCase(actual.engine())) {
            d.differences.add("engine: expected " + expected.engine() + ", target has " + actual.engine());
        }
        if (!lower(expected.sortColumns()).equals(lower(actual.sortColumns()))) {
            d.differences.add("sort columns: expected " + expected.sortColumns() + ", target has " + actual.sortColumns());
        }
        return d;
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private void compareColumns(TableSchema expected, TableSchema actual) {
        List<TableSchema.Column> e = expected.columns();
        List<TableSchema.Column> a = actual.columns();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            TableSchema.Column ec = i < e.size() ? e.get(i) : null;
            TableSchema.Column ac = i < a.size() ? a.get(i) : null;
            if (ec == null) {
                differences.add("column " + (i + 1) + ": target has extra column " + ac);
            } else if (ac == null) {
                differences.add("column " + (i + 1) + ": target lacks column " + ec);
            } else if (!ec.name().equalsIgnoreCase(ac.name())) {
                // append! matches columns by position, so order matters as much as names
                differences.add("column " + (i + 1) + ": expected " + ec + ", target has " + ac);
            } else if (!ec.typeString().equalsIgnoreCase(ac.typeString())) {
                differences.add("column " + (i + 1) + " '" + ec.name() + "': expected type " + ec.typeString() + ", target has " + ac.typeString());
            }
        }
    }

    private void comparePartitioning(TableSchema expected, TableSchema actual) {
        List<TableSchema.Level> e = expected.levels();
        List<TableSchema.Level> a = actual.levels();
        if (e.size() != a.size()) {
            differences.add("partition scheme: expected " + expected.partitionDescription() + ", target has " + actual.partitionDescription());
            return;
        }
        for (int l = 0; l < e.size(); l++) {
            TableSchema.Level el = e.get(l);
            TableSchema.Level al = a.get(l);
            String where = "partition level " + (l + 1);
            if (el.type() != al.type() || !el.column().equalsIgnoreCase(al.column())) {
                differences.add(where + ": expected " + el.typeName() + "(" + el.column() + "), target has " + al.typeName() + "(" + al.column() + ")");
                continue;
            }
            if (el.columnType() != al.columnType()) {
                differences.add(where + ": expected partition type " + el.columnDataType() + ", target has " + al.columnDataType());
                continue;
            }
            if (el.type() == TableSchema.VALUE) {
                // a VALUE target may have more values than the source (restore needs source ⊆ target)
                Set<String> have = texts(al.scheme());
                List<Entity> missing = new ArrayList<>();
                Vector values = (Vector) el.scheme();
                for (int i = 0; i < values.rows(); i++) if (!have.contains(values.get(i).getString())) missing.add(values.get(i));
                if (!missing.isEmpty()) missingValues.put(l, missing);
            } else if (!schemeText(el.scheme()).equals(schemeText(al.scheme()))) {
                differences.add(where + " " + el.typeName() + ": expected scheme " + schemeText(el.scheme()) + ", target has " + schemeText(al.scheme()));
            }
        }
    }

    private static Set<String> texts(Entity scheme) {
        Set<String> out = new HashSet<>();
        Vector v = (Vector) scheme;
        for (int i = 0; i < v.rows(); i++) out.add(v.get(i).getString());
        return out;
    }

    private static String schemeText(Entity scheme) {
        if (scheme instanceof BasicAnyVector any) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < any.rows(); i++) parts.add(schemeText(any.getEntity(i)));
            return parts.toString();
        }
        if (scheme instanceof Vector v) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < v.rows(); i++) parts.add(v.get(i).getString());
            return parts.toString();
        }
        return scheme.getString();
    }

    /** Differences that ensureTable cannot repair; empty when the target fits. */
    public List<String> getDifferences() {
        return differences;
    }

    /** Per VALUE level (0-based), the source's partition values the target scheme lacks. */
    public Map<Integer, List<Entity>> getMissingValues() {
        return missingValues;
    }

    public boolean isCompatible() {
        return differences.isEmpty();
    }

    @Override
    public String toString() {
        return String.join("\n", differences);
    }
}
