package io.ddbsync.standin.sql;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import com.xxdb.data.Vector;
import io.ddbsync.standin.dfs.DfsTable;
import io.ddbsync.standin.dfs.PartitionScheme;
import io.ddbsync.standin.script.*;
import io.ddbsync.standin.script.Ast.*;
import io.ddbsync.standin.value.*;

import java.util.*;
import java.util.Set;

/**
 * Decides which partitions a where clause can match, from conditions that compare a partitioning
 * column with constants (=, <, <=, >, >=, in, between, combined with and/or) and from partition().
 * It only ever drops a partition that provably holds no matching row; anything it does not
 * understand keeps the partition, and the where clause is still applied to every row read.
 */
public final class PartitionPruner {
    private PartitionPruner() {
    }

    /** The partition paths (with rows) the query has to read. */
    public static List<String> candidates(Interpreter in, DfsTable table, List<Expr> where, Scope scope) {
        if (where.isEmpty() || table.isDimension()) return table.partitionPaths();
        List<String> all = namedByPartitionCalls(in, table, where, scope);
        List<String> out = new ArrayList<>();
        for (String path : all) {
            Partition p = new Partition(table, path);
            boolean keep = true;
            for (Expr cond : where) {
                if (!mayMatch(in, cond, p, scope)) {
                    keep = false;
                    break;
                }
            }
            if (keep) out.add(path);
        }
        return out;
    }

    /**
     * The paths a where clause's conditions (those joined by and) can select by key: partition()
     * calls, and a partitioning column equal to a constant. Each names its partitions by key, so
     * their directories are computed once per query instead of the condition being evaluated for
     * every partition of the table (which made a query of one partition of a table of thousands
     * cost as much as thousands of queries; DolphinDB resolves the keys to their partitions once).
     * The per-partition check that follows still applies every condition; a condition it cannot
     * resolve here narrows nothing.
     */
    private static List<String> namedByPartitionCalls(Interpreter in, DfsTable table, List<Expr> where, Scope scope) {
        List<Expr> conjuncts = new ArrayList<>();
        for (Expr cond : where) conjuncts(cond, conjuncts);
        // null: every partition of the table, listed only when no first-level key narrows them
        List<String> out = null;
        for (Expr cond : conjuncts) {
            try {
                Keyed keyed = cond instanceof Call call ? byPartitionCall(in, table, call, scope) : byEquality(in, table, cond, scope);
                if (keyed == null) continue;
                Set<String> dirs = keyed.dirs();
                if (keyed.level() == 0 && out == null) {
                    // first level: looked up by directory in the table's sorted partitions
                    List<String> named = new ArrayList<>();
                    for (String dir : new TreeSet<>(dirs)) named.addAll(table.partitionPathsUnder(dir));
                    named.sort(null);
                    out = named;
                } else {
                    int l = keyed.level();
                    out = (out == null ? table.partitionPaths() : out).stream().filter(path -> dirs.contains(directory(path, l))).toList();
                }
            } catch (RuntimeException e) {
                // keys that are not constants, or out of the scheme: left to the per-partition check
            }
        }
        return out == null ? table.partitionPaths() : out;
    }

    /** The directories of one partitioning level that a condition can select. */
    private record Keyed(int level, Set<String> dirs) {
    }

    /** partition(column, keys); null when it is not one this can resolve. */
    private static Keyed byPartitionCall(Interpreter in, DfsTable table, Call call, Scope scope) {
        if (!(call.function() instanceof Var f) || !f.name().equals("partition")) return null;
        if (call.args().size() != 2 || !(call.args().get(0).value() instanceof Var col)) return null;
        int level = levelOf(table, col.name());
        if (level < 0) return null;
        PartitionScheme scheme = table.database().levels().get(level);
        Entity keys = in.eval(call.args().get(1).value(), scope);
        Vector k = keys.isScalar() ? Vectors.repeat(keys, 1) : (Vector) keys;
        Set<String> dirs = new HashSet<>();
        if (scheme instanceof PartitionScheme.Value) {
            for (int at : scheme.indicesForFilter(k)) dirs.add(scheme.dirName(at));
        } else {
            for (long key : Vectors.longs(k)) dirs.add(scheme.dirName((int) key));
        }
        return new Keyed(level, dirs);
    }

    /**
     * column == constant (either way round) on a VALUE level, when the column, the level and the
     * constant have the same type: the rows it selects are all in the partition of that value
     * (none when the scheme lacks it). Other types are left to the per-partition check, which
     * knows their conversions.
     */
    private static Keyed byEquality(Interpreter in, DfsTable table, Expr cond, Scope scope) {
        if (!(cond instanceof Binary b) || !b.op().equals("==")) return null;
        Var col = b.left() instanceof Var v && levelOf(table, v.name()) >= 0 ? v : b.right() instanceof Var v ? v : null;
        if (col == null) return null;
        int level = levelOf(table, col.name());
        if (level < 0) return null;
        PartitionScheme scheme = table.database().levels().get(level);
        DATA_TYPE type = table.columns().get(table.columnIndex(table.partitionColumns().get(level))).type();
        if (!(scheme instanceof PartitionScheme.Value) || scheme.columnType() != type) return null;
        Entity k = in.eval(col == b.left() ? b.right() : b.left(), scope);
        if (!k.isScalar() || k instanceof RuntimeValue || Scalars.isNull(k) || k.getDataType() != type) return null;
        Set<String> dirs = new HashSet<>();
        for (int at : scheme.indicesForFilter(k)) dirs.add(scheme.dirName(at));
        return new Keyed(level, dirs);
    }

    /** The level a partitioning column is at, -1 for another column. */
    private static int levelOf(DfsTable table, String column) {
        return table.partitionColumns().stream().map(String::toLowerCase).toList().lastIndexOf(column.toLowerCase());
    }

    /** The path's directory at {@code level} ("/a/b": a at 0, b at 1), or null when it has fewer levels. */
    private static String directory(String path, int level) {
        int start = 1;
        for (int l = 0; l < level; l++) {
            int slash = path.indexOf('/', start);
            if (slash < 0) return null;
            start = slash + 1;
        }
        int end = path.indexOf('/', start);
        return path.substring(start, end < 0 ? path.length() : end);
    }

    /** The conditions joined by and, each of which a row must satisfy. */
    private static void conjuncts(Expr cond, List<Expr> out) {
        if (cond instanceof Binary b && b.op().equals("and")) {
            conjuncts(b.left(), out);
            conjuncts(b.right(), out);
        } else {
            out.add(cond);
        }
    }

    /** One partition: for each level its scheme and index. */
    private static final class Partition {
        final DfsTable table;
        final int[] index;

        Partition(DfsTable table, String path) {
            this.table = table;
            String[] dirs = path.substring(1).split("/");
            List<PartitionScheme> levels = table.database().levels();
            index = new int[levels.size()];
            for (int l = 0; l < levels.size(); l++) index[l] = l < dirs.length ? levels.get(l).indexOfDir(dirs[l]) : -1;
        }

        int level(String column) {
            List<String> cols = table.partitionColumns();
            for (int l = 0; l < cols.size(); l++) if (cols.get(l).equalsIgnoreCase(column)) return l;
            return -1;
        }

        DATA_TYPE columnType(int level) {
            return table.columns().get(table.columnIndex(table.partitionColumns().get(level))).type();
        }
    }

    private static boolean mayMatch(Interpreter in, Expr cond, Partition p, Scope scope) {
        try {
            if (cond instanceof Binary b) {
                switch (b.op()) {
                    case "and":
                        return mayMatch(in, b.left(), p, scope) && mayMatch(in, b.right(), p, scope);
                    case "or":
                        return mayMatch(in, b.left(), p, scope) || mayMatch(in, b.right(), p, scope);
                    case "==", "<", "<=", ">", ">=": {
                        if (b.left() instanceof Var v && p.level(v.name()) >= 0) {
                            return compare(p, p.level(v.name()), b.op(), in.eval(b.right(), scope));
                        }
                        if (b.right() instanceof Var v && p.level(v.name()) >= 0) {
                            return compare(p, p.level(v.name()), flip(b.op()), in.eval(b.left(), scope));
                        }
                        return true;
                    }
                    case "in": {
                        if (b.left() instanceof Var v && p.level(v.name()) >= 0) {
                            Entity values = in.eval(b.right(), scope);
                            if (values instanceof RuntimeValue) return true;
                            Vector vec = values.isScalar() ? Vectors.repeat(values, 1) : (Vector) values;
                            for (int i = 0; i < vec.rows(); i++) {
                                if (compare(p, p.level(v.name()), "==", Interpreter.element(vec, i))) return true;
                            }
                            return false;
                        }
                        return true;
                    }
                    default:
                        return true;
                }
            }
            if (cond instanceof Between bt && !bt.negated() && bt.value() instanceof Var v && p.level(v.name()) >= 0) {
                int level = p.level(v.name());
                return compare(p, level, ">=", in.eval(bt.low(), scope)) && compare(p, level, "<=", in.eval(bt.high(), scope));
            }
            if (cond instanceof Call c && c.function() instanceof Var f && f.name().equals("partition")) {
                return partitionFunctionSelects(in, p.table, pathOf(p), c, scope);
            }
        } catch (ScriptException e) {
            // the condition needs row values (or is not constant): it cannot prune
            return true;
        }
        return true;
    }

    private static String pathOf(Partition p) {
        StringBuilder sb = new StringBuilder();
        List<PartitionScheme> levels = p.table.database().levels();
        for (int l = 0; l < levels.size(); l++) sb.append('/').append(levels.get(l).dirName(p.index[l]));
        return sb.toString();
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    /** Whether some value of the partition's column at this level can satisfy "column op constant". */
    private static boolean compare(Partition p, int level, String op, Entity constant) {
        if (!constant.isScalar() || constant instanceof RuntimeValue || Scalars.isNull(constant)) return true;
        int index = p.index[level];
        if (index < 0) return true;
        PartitionScheme scheme = p.table.database().levels().get(level);
        DATA_TYPE colType = p.columnType(level);
        DATA_TYPE constType = constant.getDataType();
        if (scheme instanceof PartitionScheme.Hash) {
            if (!op.equals("==")) return true;
            int[] buckets = scheme.indicesForFilter(constant);
            return buckets.length == 0 || buckets[0] == index;
        }
        if (scheme instanceof PartitionScheme.ListScheme || Types.isLiteral(colType)) {
            if (!op.equals("==") || !(scheme instanceof PartitionScheme.Value || scheme instanceof PartitionScheme.ListScheme)) return true;
            int[] at = scheme.indicesForFilter(constant);
            return at.length > 0 && at[0] == index;
        }
        if (!Types.isIntegerBacked(colType) || !Types.isIntegerBacked(constType)) return true;
        if (Types.isTemporal(colType) != Types.isTemporal(constType)) return true;
        long[] range = valueRange(scheme, index, colType);
        if (range == null) return true;
        long lo = range[0];
        long hi = range[1];
        long k;
        if (Types.isTemporal(colType)) {
            if (Temporals.hasDate(colType) != Temporals.hasDate(constType)) return true;
            lo = Temporals.toNanos(colType, lo);
            hi = Temporals.toNanos(colType, hi);
            k = Temporals.toNanos(constType, Scalars.rawLong(constant));
        } else {
            k = Scalars.rawLong(constant);
        }
        return switch (op) {
            case "==" -> lo <= k && k <= hi;
            case "<" -> lo < k;
            case "<=" -> lo <= k;
            case ">" -> hi > k;
            default -> hi >= k;
        };
    }

    /** The smallest and largest raw value (in the column's type) a row of this partition can hold. */
    private static long[] valueRange(PartitionScheme scheme, int index, DATA_TYPE colType) {
        DATA_TYPE st = scheme.columnType();
        long lo;
        long hiExclusive;
        if (scheme instanceof PartitionScheme.Value v) {
            Scalar value = v.value(index);
            if (value == null) return null;
            lo = Scalars.rawLong(value);
            hiExclusive = lo + 1;
        } else if (scheme instanceof PartitionScheme.Range r) {
            lo = Scalars.rawLong(r.bounds().get(index));
            hiExclusive = Scalars.rawLong(r.bounds().get(index + 1));
        } else {
            return null;
        }
        if (st == colType) return new long[]{lo, hiExclusive - 1};
        if (!Types.isTemporal(st) || !Types.isTemporal(colType)) {
            return Types.isIntegral(st) && Types.isIntegral(colType) ? new long[]{lo, hiExclusive - 1} : null;
        }
        if (Temporals.rank(colType) < Temporals.rank(st)) return null;
        // a finer column inside a coarser scheme value: [start of lo, start of hi) in column units
        long from = Temporals.fromNanos(colType, Temporals.toNanos(st, lo));
        long to = Temporals.fromNanos(colType, Temporals.toNanos(st, hiExclusive));
        return new long[]{from, to - 1};
    }

    /**
     * partition(partitionCol, keys): VALUE keys are partition values, RANGE and LIST keys are
     * 0-based partition indexes, HASH keys are bucket numbers.
     */
    public static boolean partitionFunctionSelects(Interpreter in, DfsTable table, String path, Call call, Scope scope) {
        if (call.args().size() != 2 || !(call.args().get(0).value() instanceof Var col)) {
            throw new ScriptException("The function partition expects a partitioning column and keys");
        }
        int level = -1;
        for (int l = 0; l < table.partitionColumns().size(); l++) {
            if (table.partitionColumns().get(l).equalsIgnoreCase(col.name())) level = l;
        }
        if (level < 0) throw new ScriptException("The column " + col.name() + " is not a partitioning column of table " + table.name());
        PartitionScheme scheme = table.database().levels().get(level);
        String dir = path.substring(1).split("/")[level];
        int index = scheme.indexOfDir(dir);
        Scope constants = scope;
        Entity keys = in.eval(call.args().get(1).value(), constants);
        Vector k = keys.isScalar() ? Vectors.repeat(keys, 1) : (Vector) keys;
        if (scheme instanceof PartitionScheme.Value) {
            for (int at : scheme.indicesForFilter(k)) if (at == index) return true;
            return false;
        }
        for (long key : Vectors.longs(k)) if (key == index) return true;
        return false;
    }
}
