package io.ddbsync.standin.sql;

import com.xxdb.data.*;
import com.xxdb.data.Vector;
import io.ddbsync.standin.dfs.DfsTable;
import io.ddbsync.standin.dfs.TableHandle;
import io.ddbsync.standin.script.*;
import io.ddbsync.standin.script.Ast.*;
import io.ddbsync.standin.value.*;
import io.ddbsync.standin.wire.PieceTable;

import java.util.*;
import java.util.Set;

/**
 * select, exec, delete and update over in-memory tables and DFS tables. For a DFS table the
 * where clause first picks the partitions that can hold matching rows ({@link PartitionPruner}),
 * then runs partition by partition, so only those partitions are read.
 */
public final class SqlEngine {
    private SqlEngine() {
    }

    // ---- select / exec ------------------------------------------------------------------------

    public static Entity select(Interpreter in, Select s, Scope scope) {
        BasicTable filtered = filteredSource(in, s.from(), s.where(), scope);
        return project(in, s, filtered, scope);
    }

    /** The rows of {@code from} that satisfy every where condition. */
    public static BasicTable filteredSource(Interpreter in, Expr fromExpr, List<Expr> where, Scope scope) {
        if (fromExpr == null) {
            return new BasicTable(List.of("dummy"), List.of(new BasicIntVector(new int[]{0})));
        }
        Entity from = in.eval(fromExpr, scope);
        if (from instanceof TableHandle h) {
            h.checkRead(in.session());
            DfsTable table = h.table();
            List<BasicTable> parts = new ArrayList<>();
            for (String path : PartitionPruner.candidates(in, table, where, scope)) {
                BasicTable rows = table.read(path);
                if (rows.rows() == 0) continue;
                BasicTable kept = filter(in, rows, where, scope, table, path);
                if (kept.rows() > 0) parts.add(kept);
            }
            return table.concat(parts);
        }
        if (from instanceof BasicTable t) {
            return filter(in, t, where, scope, null, null);
        }
        throw new ScriptException("The from clause must be a table, not " + Forms.typestr(from));
    }

    /**
     * One partition's share of a select over a DFS table: the partition's rows that pass the where
     * clause, projected by the column list. A SQL backup writes one of these per partition.
     */
    public static BasicTable selectPartition(Interpreter in, Select s, DfsTable table, String path, Scope scope) {
        return projectRows(in, s, filter(in, table.read(path), s.where(), scope, table, path), scope);
    }

    /** The projection of a select applied to rows already filtered (an empty table gives the output's columns). */
    public static BasicTable projectRows(Interpreter in, Select s, BasicTable rows, Scope scope) {
        Entity result = project(in, s, rows, scope);
        if (!(result instanceof BasicTable t)) throw new ScriptException("The query must be a select that returns a table");
        return t;
    }

    private static BasicTable filter(Interpreter in, BasicTable t, List<Expr> where, Scope scope, DfsTable dfs, String path) {
        if (where.isEmpty()) return t;
        int n = t.rows();
        Scope rowScope = scope.withColumns(columnsOf(t), n);
        byte[] mask = new byte[n];
        Arrays.fill(mask, (byte) 1);
        for (Expr cond : where) {
            Entity r = evalCondition(in, cond, rowScope, dfs, path);
            byte[] m = Operators.truths(r, n);
            for (int i = 0; i < n; i++) mask[i] &= m[i];
        }
        int[] idx = selected(mask);
        if (idx.length == n) return t;
        return (BasicTable) t.getSubTable(idx);
    }

    /** Evaluates a condition; partition(col, keys) is answered for the partition being scanned. */
    private static Entity evalCondition(Interpreter in, Expr cond, Scope scope, DfsTable dfs, String path) {
        if (cond instanceof Call c && c.function() instanceof Var v && v.name().equals("partition")) {
            if (dfs == null) throw new ScriptException("The function partition can only be used in the where clause of a query on a partitioned table");
            return new BasicBoolean(PartitionPruner.partitionFunctionSelects(in, dfs, path, c, scope));
        }
        if (cond instanceof Binary b && (b.op().equals("and") || b.op().equals("or")) && dfs != null) {
            return Operators.binary(b.op(), evalCondition(in, b.left(), scope, dfs, path), evalCondition(in, b.right(), scope, dfs, path));
        }
        return in.eval(cond, scope);
    }

    public static int[] selected(byte[] mask) {
        int count = 0;
        for (byte b : mask) if (b == 1) count++;
        int[] idx = new int[count];
        int k = 0;
        for (int i = 0; i < mask.length; i++) if (mask[i] == 1) idx[k++] = i;
        return idx;
    }

    /** The table's columns by name; each is fetched (for a stored table: decoded) when a clause uses it. */
    public static Map<String, Vector> columnsOf(Table t) {
        return new TableColumns(t);
    }

    private static Entity project(Interpreter in, Select s, BasicTable source, Scope scope) {
        BasicTable stored = storedProjection(s, source);
        if (stored != null) return stored;
        List<String> names = new ArrayList<>();
        List<Entity> values = new ArrayList<>();
        boolean grouped = !s.groupBy().isEmpty();
        if (grouped && !s.contextBy()) {
            groupBy(in, s, source, scope, names, values);
        } else {
            Scope rows = scope.withColumns(columnsOf(source), source.rows());
            int position = 0;
            for (SelectItem item : s.columns()) {
                position++;
                if (item.expr() instanceof Star) {
                    for (int c = 0; c < source.columns(); c++) {
                        names.add(source.getColumnName(c));
                        values.add(source.getColumn(c));
                    }
                    continue;
                }
                names.add(outputName(item, position));
                values.add(in.eval(item.expr(), rows));
            }
        }
        BasicTable result = assemble(names, values, source.rows());
        if (s.having() != null) {
            Scope rs = scope.withColumns(columnsOf(result), result.rows());
            byte[] m = Operators.truths(in.eval(s.having(), rs), result.rows());
            result = (BasicTable) result.getSubTable(selected(m));
        }
        if (s.distinct()) result = distinct(result);
        if (!s.orderBy().isEmpty()) result = orderBy(in, s.orderBy(), result, source, scope);
        result = limit(in, s, result, scope);
        if (!s.exec()) return result;
        if (result.columns() == 1) {
            Vector col = result.getColumn(0);
            boolean aggregate = values.size() == 1 && values.get(0).isScalar() && !grouped;
            return aggregate && col.rows() == 1 ? col.get(0) : col;
        }
        return result;
    }

    /**
     * A select of plain columns (*, names, aliases) over rows still in stored form answers with
     * the same stored rows, so that sending them needs no decoding; null for any other select.
     */
    private static BasicTable storedProjection(Select s, BasicTable source) {
        if (!(source instanceof PieceTable stored) || !stored.isLazy()) return null;
        if (s.exec() || !s.groupBy().isEmpty() || s.having() != null || s.distinct() || !s.orderBy().isEmpty()
                || s.top() != null || s.limit() != null) {
            return null;
        }
        TableColumns byName = new TableColumns(source);
        List<Integer> picked = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int position = 0;
        for (SelectItem item : s.columns()) {
            position++;
            if (item.expr() instanceof Star) {
                for (int c = 0; c < source.columns(); c++) {
                    picked.add(c);
                    names.add(source.getColumnName(c));
                }
            } else if (item.expr() instanceof Var v && byName.resolve(v.name()) >= 0) {
                picked.add(byName.resolve(v.name()));
                names.add(outputName(item, position));
            } else {
                return null;
            }
        }
        if (picked.isEmpty()) return null;
        return stored.select(picked.stream().mapToInt(Integer::intValue).toArray(), uniqueNames(names));
    }

    /** Result column names as DolphinDB makes them unique: a repeated name gets _1, _2... */
    private static List<String> uniqueNames(List<String> names) {
        Set<String> used = new HashSet<>();
        List<String> unique = new ArrayList<>();
        for (String name : names) {
            String candidate = name;
            int k = 1;
            while (!used.add(candidate)) candidate = name + "_" + (k++);
            unique.add(candidate);
        }
        return unique;
    }

    /** Builds the result table: vectors keep their length, scalars are repeated (or stand alone when every item is a scalar). */
    private static BasicTable assemble(List<String> names, List<Entity> values, int sourceRows) {
        int rows = -1;
        for (Entity v : values) if (!v.isScalar()) rows = Math.max(rows, v.rows());
        boolean allScalar = rows < 0;
        List<Vector> cols = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Entity v = values.get(i);
            if (v instanceof RuntimeValue r) v = r.toWire();
            Vector col;
            if (v.isScalar()) col = Vectors.repeat(v, allScalar ? 1 : rows);
            else if (v instanceof Vector vec) col = vec;
            else throw new ScriptException("A select column must be a scalar or a vector");
            if (!allScalar && col.rows() != rows) {
                throw new ScriptException("The lengths of the columns in the result table are inconsistent");
            }
            cols.add(col);
        }
        return new BasicTable(uniqueNames(names), cols);
    }

    private static void groupBy(Interpreter in, Select s, BasicTable source, Scope scope, List<String> names, List<Entity> values) {
        int n = source.rows();
        Scope all = scope.withColumns(columnsOf(source), n);
        List<Vector> keyCols = new ArrayList<>();
        List<String> keyNames = new ArrayList<>();
        for (Expr k : s.groupBy()) {
            Entity v = in.eval(k, all);
            keyCols.add(v.isScalar() ? Vectors.repeat(v, n) : (Vector) v);
            keyNames.add(k instanceof Var var ? var.name() : k instanceof Alias al ? al.alias() : outputName(new SelectItem(k, null), keyNames.size() + 1));
        }
        // group rows by key; DolphinDB returns groups ordered by key
        TreeMap<List<Comparable<?>>, List<Integer>> groups = new TreeMap<>(SqlEngine::compareKeys);
        for (int i = 0; i < n; i++) {
            List<Comparable<?>> key = new ArrayList<>(keyCols.size());
            for (Vector kc : keyCols) key.add(sortKey(kc, i));
            groups.computeIfAbsent(key, x -> new ArrayList<>()).add(i);
        }
        List<List<Entity>> keyValues = new ArrayList<>();
        for (int k = 0; k < keyCols.size(); k++) keyValues.add(new ArrayList<>());
        List<String> itemNames = new ArrayList<>();
        List<List<Entity>> itemValues = new ArrayList<>();
        int position = 0;
        for (SelectItem item : s.columns()) {
            position++;
            itemNames.add(outputName(item, position));
            itemValues.add(new ArrayList<>());
        }
        for (List<Integer> rows : groups.values()) {
            int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
            BasicTable sub = (BasicTable) source.getSubTable(idx);
            Scope gs = scope.withColumns(columnsOf(sub), idx.length);
            for (int k = 0; k < keyCols.size(); k++) keyValues.get(k).add(keyCols.get(k).get(idx[0]));
            for (int i = 0; i < s.columns().size(); i++) {
                Entity v = in.eval(s.columns().get(i).expr(), gs);
                if (!v.isScalar()) {
                    throw new ScriptException("The result of an aggregate function in a group by query must be a scalar: " + itemNames.get(i));
                }
                itemValues.get(i).add(v);
            }
        }
        for (int k = 0; k < keyCols.size(); k++) {
            if (itemNames.contains(keyNames.get(k))) continue;
            names.add(keyNames.get(k));
            values.add(groups.isEmpty() ? Vectors.create(keyCols.get(k).getDataType(), 0, 0) : Vectors.fromElements(keyValues.get(k)));
        }
        for (int i = 0; i < itemNames.size(); i++) {
            names.add(itemNames.get(i));
            values.add(groups.isEmpty() ? new BasicIntVector(0) : Vectors.fromElements(itemValues.get(i)));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Comparable<?>> a, List<Comparable<?>> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return 0;
    }

    /** A comparable form of one element: integer-backed as long (NULL first), floating as double, else text. */
    static Comparable<?> sortKey(Vector v, int i) {
        Entity.DATA_TYPE t = v.getDataType();
        if (Types.isIntegerBacked(t)) return Scalars.rawLong(v.get(i));
        if (Types.isFloating(t)) {
            double d = Scalars.toDouble(v.get(i));
            return Double.isNaN(d) ? Double.NEGATIVE_INFINITY : d;
        }
        return v.isNull(i) ? "" : v.getString(i);
    }

    static String outputName(SelectItem item, int position) {
        if (item.alias() != null) return item.alias();
        return exprName(item.expr(), position);
    }

    private static String exprName(Expr e, int position) {
        if (e instanceof Var v) return v.name();
        if (e instanceof Call c && c.function() instanceof Var f) {
            if (c.args().size() == 1 && c.args().get(0).value() instanceof Star) return f.name();
            StringBuilder sb = new StringBuilder(f.name());
            for (Arg a : c.args()) {
                if (a.value() instanceof Var v) sb.append('_').append(v.name());
            }
            return sb.toString();
        }
        if (e instanceof Binary b) {
            return switch (b.op()) {
                case "+" -> "add";
                case "-" -> "sub";
                case "*" -> "mul";
                case "/" -> "div";
                case "%" -> "mod";
                default -> "col" + position;
            };
        }
        return "col" + position;
    }

    private static BasicTable distinct(BasicTable t) {
        Set<List<String>> seen = new HashSet<>();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < t.rows(); i++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < t.columns(); c++) row.add(t.getColumn(c).getString(i));
            if (seen.add(row)) keep.add(i);
        }
        return keep.size() == t.rows() ? t : (BasicTable) t.getSubTable(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    private static BasicTable orderBy(Interpreter in, List<OrderItem> order, BasicTable result, BasicTable source, Scope scope) {
        int n = result.rows();
        List<Vector> keys = new ArrayList<>();
        Scope rs = scope.withColumns(columnsOf(result), n);
        for (OrderItem o : order) {
            Entity k;
            try {
                k = in.eval(o.expr(), rs);
            } catch (ScriptException e) {
                if (source.rows() != n) throw e;
                k = in.eval(o.expr(), scope.withColumns(columnsOf(source), n));
            }
            keys.add(k.isScalar() ? Vectors.repeat(k, n) : (Vector) k);
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> {
            for (int k = 0; k < keys.size(); k++) {
                @SuppressWarnings({"unchecked", "rawtypes"})
                int c = ((Comparable) sortKey(keys.get(k), a)).compareTo(sortKey(keys.get(k), b));
                if (c != 0) return order.get(k).ascending() ? c : -c;
            }
            return 0;
        });
        int[] ii = new int[n];
        for (int i = 0; i < n; i++) ii[i] = idx[i];
        return (BasicTable) result.getSubTable(ii);
    }

    private static BasicTable limit(Interpreter in, Select s, BasicTable result, Scope scope) {
        Expr top = s.top() != null ? s.top() : s.limit();
        if (top == null) return result;
        int n = result.rows();
        int from = 0;
        int count;
        if (top instanceof Pair p) {
            from = (int) Scalars.rawLong(in.eval(p.left(), scope));
            count = (int) Scalars.rawLong(in.eval(p.right(), scope)) - from;
        } else {
            count = (int) Scalars.rawLong(in.eval(top, scope));
            if (s.limitOffset() != null) from = (int) Scalars.rawLong(in.eval(s.limitOffset(), scope));
        }
        if (count < 0) {
            // limit -n: the last n rows
            from = Math.max(0, n + count);
            count = -count;
        }
        int to = Math.min(n, from + count);
        from = Math.min(from, n);
        if (from == 0 && to == n) return result;
        return (BasicTable) result.getSubTable(java.util.stream.IntStream.range(from, Math.max(from, to)).toArray());
    }

    // ---- delete / update ----------------------------------------------------------------------

    public static Entity delete(Interpreter in, Delete d, Scope scope) {
        Entity from = in.eval(d.from(), scope);
        if (from instanceof TableHandle h) {
            h.checkWrite(in.session());
            DfsTable table = h.table();
            Map<String, BasicTable> changed = new LinkedHashMap<>();
            for (String path : PartitionPruner.candidates(in, table, d.where(), scope)) {
                BasicTable rows = table.read(path);
                BasicTable doomed = filter(in, rows, d.where(), scope, table, path);
                if (doomed.rows() == 0) continue;
                changed.put(path, d.where().isEmpty() ? table.emptyTable() : complement(in, rows, d.where(), scope, table, path));
            }
            table.replacePartitions(changed);
            return new com.xxdb.data.Void();
        }
        if (from instanceof BasicTable t) {
            BasicTable kept = d.where().isEmpty() ? (BasicTable) t.getSubTable(new int[0]) : complement(in, t, d.where(), scope, null, null);
            replaceContent(t, kept);
            return new com.xxdb.data.Void();
        }
        throw new ScriptException("delete needs a table");
    }

    private static BasicTable complement(Interpreter in, BasicTable t, List<Expr> where, Scope scope, DfsTable dfs, String path) {
        int n = t.rows();
        Scope rowScope = scope.withColumns(columnsOf(t), n);
        byte[] mask = new byte[n];
        Arrays.fill(mask, (byte) 1);
        for (Expr cond : where) {
            byte[] m = Operators.truths(evalCondition(in, cond, rowScope, dfs, path), n);
            for (int i = 0; i < n; i++) mask[i] &= m[i];
        }
        for (int i = 0; i < n; i++) mask[i] = (byte) (mask[i] == 1 ? 0 : 1);
        return (BasicTable) t.getSubTable(selected(mask));
    }

    /** In-memory tables change in place, so every variable referring to the table sees the change. */
    public static void replaceContent(BasicTable target, BasicTable content) {
        List<Vector> cols = new ArrayList<>();
        for (int c = 0; c < content.columns(); c++) cols.add(content.getColumn(c));
        target.setColumns(cols);
    }

    public static Entity update(Interpreter in, Update u, Scope scope) {
        Entity target = in.eval(u.table(), scope);
        if (target instanceof TableHandle h) {
            h.checkWrite(in.session());
            DfsTable table = h.table();
            Map<String, BasicTable> changed = new LinkedHashMap<>();
            for (String path : PartitionPruner.candidates(in, table, u.where(), scope)) {
                BasicTable rows = table.read(path);
                BasicTable updated = updateRows(in, rows, u, scope, table, path);
                if (updated != null) changed.put(path, updated);
            }
            table.replacePartitions(changed);
            return new com.xxdb.data.Void();
        }
        if (target instanceof BasicTable t) {
            BasicTable updated = updateRows(in, t, u, scope, null, null);
            if (updated != null) replaceContent(t, updated);
            return new com.xxdb.data.Void();
        }
        throw new ScriptException("update needs a table");
    }

    private static BasicTable updateRows(Interpreter in, BasicTable t, Update u, Scope scope, DfsTable dfs, String path) {
        int n = t.rows();
        if (n == 0) return null;
        Scope rowScope = scope.withColumns(columnsOf(t), n);
        byte[] mask = new byte[n];
        Arrays.fill(mask, (byte) 1);
        for (Expr cond : u.where()) {
            byte[] m = Operators.truths(evalCondition(in, cond, rowScope, dfs, path), n);
            for (int i = 0; i < n; i++) mask[i] &= m[i];
        }
        int[] rows = selected(mask);
        if (rows.length == 0) return null;
        List<String> names = new ArrayList<>();
        List<Vector> cols = new ArrayList<>();
        for (int c = 0; c < t.columns(); c++) {
            names.add(t.getColumnName(c));
            cols.add(t.getColumn(c));
        }
        for (Assign a : u.sets()) {
            String col = ((Var) a.targets().get(0)).name();
            int at = -1;
            for (int c = 0; c < names.size(); c++) if (names.get(c).equalsIgnoreCase(col)) at = c;
            if (at < 0) throw new ScriptException("Unrecognized column name " + col);
            Entity v = in.eval(a.value(), rowScope);
            Vector old = cols.get(at);
            Vector copy = Vectors.gather(old, java.util.stream.IntStream.range(0, n).toArray());
            for (int r : rows) {
                Entity x = v.isScalar() ? v : ((Vector) v).get(r);
                Vectors.set(copy, r, Casts.scalar(x, old.getDataType(), Vectors.scale(old)));
            }
            cols.set(at, copy);
        }
        return new BasicTable(names, cols);
    }
}
