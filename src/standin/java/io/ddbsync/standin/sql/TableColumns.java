package io.ddbsync.standin.sql;

import com.xxdb.data.Table;
import com.xxdb.data.Vector;

import java.util.*;

/**
 * The columns of a table by name, for a scope in which SQL clauses run. A column is fetched from
 * the table only when an expression uses it, so a where clause on one column of a stored
 * partition decodes that column alone. Keys and order are those a LinkedHashMap filled column by
 * column would have (a repeated name maps to its last column).
 */
final class TableColumns extends AbstractMap<String, Vector> {
    private final Table table;
    private final LinkedHashMap<String, Integer> positions = new LinkedHashMap<>();

    TableColumns(Table table) {
        this.table = table;
        for (int i = 0; i < table.columns(); i++) positions.put(table.getColumnName(i), i);
    }

    /** Where a name used in a clause resolves, as Scope.find resolves it: exact, else case-insensitive; -1 if none. */
    int resolve(String name) {
        Integer at = positions.get(name);
        if (at != null) return at;
        for (Map.Entry<String, Integer> e : positions.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        return -1;
    }

    @Override
    public Vector get(Object key) {
        Integer at = positions.get(key);
        return at == null ? null : table.getColumn(at);
    }

    @Override
    public boolean containsKey(Object key) {
        return positions.containsKey(key);
    }

    @Override
    public int size() {
        return positions.size();
    }

    @Override
    public Set<Entry<String, Vector>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Vector>> iterator() {
                Iterator<Entry<String, Integer>> it = positions.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<String, Vector> next() {
                        Entry<String, Integer> e = it.next();
                        return new Entry<>() {
                            @Override
                            public String getKey() {
                                return e.getKey();
                            }

                            @Override
                            public Vector getValue() {
                                return table.getColumn(e.getValue());
                            }

                            @Override
                            public Vector setValue(Vector value) {
                                throw new UnsupportedOperationException();
                            }
                        };
                    }
                };
            }

            @Override
            public int size() {
                return positions.size();
            }
        };
    }
}
