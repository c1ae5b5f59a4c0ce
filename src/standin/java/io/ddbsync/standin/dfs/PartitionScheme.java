package io.ddbsync.standin.dfs;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import com.xxdb.data.Vector;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.value.*;

import java.util.*;

import static com.xxdb.data.Entity.DATA_TYPE.*;

/**
 * One level of a DFS database's partitioning: VALUE, RANGE, HASH or LIST (a COMPO database has
 * two or three levels). It routes rows to partitions and names partition directories the way
 * DolphinDB does (/20240101, /202401M, /0_50, /Key3, /List0).
 */
public abstract class PartitionScheme {
    public static final int VALUE = 1, RANGE = 2, LIST = 3, COMPO = 4, HASH = 5;

    protected final DATA_TYPE columnType;

    protected PartitionScheme(DATA_TYPE columnType) {
        this.columnType = columnType;
    }

    public static PartitionScheme create(int type, Entity scheme) {
        return switch (type) {
            case VALUE -> new Value(asVector(scheme));
            case RANGE -> new Range(asVector(scheme));
            case HASH -> Hash.of(scheme);
            case LIST -> new ListScheme(scheme);
            default -> throw new ScriptException("Unsupported partition type " + type);
        };
    }

    private static Vector asVector(Entity e) {
        if (e instanceof Vector v) return v;
        if (e.isScalar()) return Vectors.repeat(e, 1);
        throw new ScriptException("The partition scheme must be a vector");
    }

    public abstract int typeCode();

    public String typeName() {
        return switch (typeCode()) {
            case VALUE -> "VALUE";
            case RANGE -> "RANGE";
            case LIST -> "LIST";
            default -> "HASH";
        };
    }

    /** The type the scheme's values have (partitionColumnType in schema()). */
    public DATA_TYPE columnType() {
        return columnType;
    }

    /** partitionSchema as schema() shows it. */
    public abstract Entity schemaEntity();

    public abstract int size();

    /** Partition index of every row; -1 where the row lies outside the scheme. */
    public abstract int[] route(Vector column);

    public abstract String dirName(int index);

    /** Directory name to partition index, built on first use and again after the scheme changed. */
    private volatile Map<String, Integer> dirIndex;

    public int indexOfDir(String dir) {
        Map<String, Integer> m = dirIndex;
        if (m == null) {
            // a map, not a scan per call: the query planner asks this for every partition of every query
            m = new HashMap<>();
            for (int i = 0; i < size(); i++) m.putIfAbsent(dirName(i), i);
            dirIndex = m;
        }
        return m.getOrDefault(dir, -1);
    }

    /** A VALUE scheme that gained or lost a value forgets its directory index. */
    protected void schemeChanged() {
        dirIndex = null;
    }

    /**
     * Partitions a filter value selects, as backup/dropPartition filters do: for VALUE the partition
     * holding that value, for RANGE the range containing it, for HASH its bucket.
     */
    public int[] indicesForFilter(Entity filter) {
        Vector v = filter.isScalar() ? Vectors.repeat(filter, 1) : (Vector) filter;
        Vector converted;
        try {
            converted = convertForRouting(v);
        } catch (ScriptException e) {
            throw new ScriptException("The data type of the specified partition does not match the partitioning scheme of the database. RefId:S01058");
        }
        int[] idx = route(converted);
        return Arrays.stream(idx).filter(i -> i >= 0).distinct().toArray();
    }

    /** Converts a partitioning column to the scheme's type (a TIMESTAMP column into DATE partitions, for instance). */
    public Vector convertForRouting(Vector column) {
        if (column.getDataType() == columnType) return column;
        checkRoutable(column);
        return Casts.vector(column, columnType, 0, "partition");
    }

    /** Fails as DolphinDB does when a column's type cannot be routed by this scheme. */
    protected void checkRoutable(Vector column) {
        DATA_TYPE t = column.getDataType();
        if (t == columnType) return;
        if (Types.isTemporal(columnType) && !Types.isTemporal(t) && !Types.isLiteral(t)) {
            throw new ScriptException("The data type of the partitioning column doesn't match the partitioning scheme");
        }
        if (Types.isLiteral(columnType) != Types.isLiteral(t)) {
            throw new ScriptException("The data type of the partitioning column doesn't match the partitioning scheme");
        }
    }

    /** The text a partition directory uses for one value: 20240101 for a DATE, 202401M for a MONTH. */
    public static String valueDirText(Entity v) {
        DATA_TYPE t = v.getDataType();
        String s = Scalars.text(v);
        return switch (t) {
            case DT_DATE -> s.replace(".", "");
            case DT_MONTH -> s.replace(".", "");
            case DT_DATEHOUR, DT_DATETIME, DT_TIMESTAMP, DT_NANOTIMESTAMP, DT_MINUTE, DT_SECOND, DT_TIME, DT_NANOTIME ->
                    s.replace(".", "").replace(":", "").replace("T", "");
            default -> s;
        };
    }

    // ---- VALUE ----------------------------------------------------------------------------------

    public static final class Value extends PartitionScheme {
        private final List<Scalar> values = new ArrayList<>();
        private final Map<Object, Integer> index = new HashMap<>();

        Value(Vector scheme) {
            super(scheme.getDataType() == DT_STRING ? DT_SYMBOL : scheme.getDataType());
            for (int i = 0; i < scheme.rows(); i++) add(Vectors.scalarAt(scheme, i));
        }

        private static Object key(Scalar s) {
            return Types.isIntegerBacked(s.getDataType()) ? (Object) Scalars.rawLong(s) : Scalars.text(s);
        }

        /** Adds a value (newValuePartitionPolicy=add, addValuePartitions); returns its index. */
        public synchronized int add(Scalar s) {
            Object k = key(s);
            Integer at = index.get(k);
            if (at != null) return at;
            if (columnType == DT_SYMBOL || columnType == DT_STRING) {
                String text = Scalars.text(s);
                if (text.matches(".*[\\s\\p{Cntrl}].*") || text.isEmpty()) {
                    throw new ScriptException("The partitioning column value [" + text + "] can't contain invisible characters. RefId:S01018");
                }
            }
            values.add(columnType == DT_SYMBOL ? new BasicString(Scalars.text(s)) : s);
            index.put(k, values.size() - 1);
            schemeChanged();
            return values.size() - 1;
        }

        public synchronized void remove(int i) {
            values.set(i, null);
            schemeChanged();
            index.entrySet().removeIf(e -> e.getValue() == i);
        }

        public Scalar value(int i) {
            return values.get(i);
        }

        @Override
        public int typeCode() {
            return VALUE;
        }

        @Override
        public synchronized Entity schemaEntity() {
            List<Entity> live = new ArrayList<>();
            for (Scalar s : values) if (s != null) live.add(s);
            if (live.isEmpty()) return Vectors.create(columnType, 0, 0);
            Vector v = Vectors.fromElements(live);
            return columnType == DT_SYMBOL ? Casts.vector(v, DT_SYMBOL, 0, "schema") : v;
        }

        @Override
        public synchronized int size() {
            return values.size();
        }

        public synchronized boolean live(int i) {
            return values.get(i) != null;
        }

        @Override
        public synchronized int[] route(Vector column) {
            long ratio = CoarserTimeRouting.ratio(column.getDataType(), columnType);
            if (ratio > 0) {
                checkRoutable(column);
                return CoarserTimeRouting.route(column, ratio, columnType, key -> {
                    Integer at = index.get(key);
                    return at == null ? -1 : at;
                });
            }
            int n = column.rows();
            int[] out = new int[n];
            // rows arrive in runs of one value (time order), so each row is first compared with the last one looked up
            if (Types.isIntegerBacked(columnType)) {
                checkRoutable(column);
                long[] raw = Types.isIntegerBacked(column.getDataType())
                        ? Casts.longs(column, columnType, "partition")
                        : Vectors.longs(convertForRouting(column));
                long last = 0;
                int lastAt = -2;
                for (int i = 0; i < n; i++) {
                    if (lastAt == -2 || raw[i] != last) {
                        Integer at = index.get(raw[i]);
                        last = raw[i];
                        lastAt = at == null ? -1 : at;
                    }
                    out[i] = lastAt;
                }
            } else {
                String[] s = Vectors.strings(convertForRouting(column));
                String last = null;
                int lastAt = -1;
                for (int i = 0; i < n; i++) {
                    if (last == null || !s[i].equals(last)) {
                        Integer at = index.get(s[i]);
                        last = s[i];
                        lastAt = at == null ? -1 : at;
                    }
                    out[i] = lastAt;
                }
            }
            return out;
        }

        @Override
        public synchronized String dirName(int i) {
            Scalar v = values.get(i);
            return v == null ? "" : valueDirText(v);
        }
    }

    // ---- RANGE ----------------------------------------------------------------------------------

    public static final class Range extends PartitionScheme {
        private final Vector bounds;

        Range(Vector bounds) {
            super(bounds.getDataType() == DT_STRING ? DT_SYMBOL : bounds.getDataType());
            if (bounds.rows() < 2) throw new ScriptException("A RANGE partition scheme needs at least two boundaries");
            this.bounds = bounds;
        }

        @Override
        public int typeCode() {
            return RANGE;
        }

        @Override
        public Entity schemaEntity() {
            return bounds;
        }

        @Override
        public int size() {
            return bounds.rows() - 1;
        }

        public Vector bounds() {
            return bounds;
        }

        @Override
        public int[] route(Vector column) {
            Vector c = convertForRouting(column);
            int n = c.rows();
            int[] out = new int[n];
            if (Types.isIntegerBacked(columnType)) {
                long[] b = Vectors.longs(bounds);
                long[] raw = Vectors.longs(c);
                for (int i = 0; i < n; i++) out[i] = raw[i] == Long.MIN_VALUE ? -1 : locate(b, raw[i]);
            } else if (Types.isFloating(columnType)) {
                double[] b = Vectors.doubles(bounds);
                double[] raw = Vectors.doubles(c);
                for (int i = 0; i < n; i++) {
                    int at = Arrays.binarySearch(b, raw[i]);
                    at = at >= 0 ? at : -at - 2;
                    out[i] = Double.isNaN(raw[i]) || at < 0 || at >= b.length - 1 ? -1 : at;
                }
            } else {
                String[] b = Vectors.strings(bounds);
                String[] raw = Vectors.strings(c);
                for (int i = 0; i < n; i++) {
                    int at = Arrays.binarySearch(b, raw[i]);
                    at = at >= 0 ? at : -at - 2;
                    out[i] = at < 0 || at >= b.length - 1 ? -1 : at;
                }
            }
            return out;
        }

        private static int locate(long[] b, long v) {
            int at = Arrays.binarySearch(b, v);
            at = at >= 0 ? at : -at - 2;
            return at < 0 || at >= b.length - 1 ? -1 : at;
        }

        @Override
        public String dirName(int i) {
            return valueDirText(bounds.get(i)) + "_" + valueDirText(bounds.get(i + 1));
        }
    }

    // ---- HASH -----------------------------------------------------------------------------------

    public static final class Hash extends PartitionScheme {
        private final int buckets;

        private Hash(DATA_TYPE type, int buckets) {
            super(type);
            this.buckets = buckets;
        }

        /** The scheme is the tuple [type, buckets], e.g. [SYMBOL, 10]. */
        static Hash of(Entity scheme) {
            if (!(scheme instanceof Vector v) || v.rows() != 2) {
                throw new ScriptException("A HASH partition scheme must be [dataType, buckets]");
            }
            Entity type = Interpreter_element(v, 0);
            Entity n = Interpreter_element(v, 1);
            DATA_TYPE t = type instanceof BasicString s ? Types.byName(s.getString()) : DATA_TYPE.valueOf((int) Scalars.rawLong(type));
            return new Hash(t, (int) Scalars.rawLong(n));
        }

        private static Entity Interpreter_element(Vector v, int i) {
            return io.ddbsync.standin.script.Interpreter.element(v, i);
        }

        @Override
        public int typeCode() {
            return HASH;
        }

        @Override
        public Entity schemaEntity() {
            return new BasicInt(buckets);
        }

        @Override
        public int size() {
            return buckets;
        }

        @Override
        public int[] route(Vector column) {
            Vector c = convertForRouting(column);
            int n = c.rows();
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                // rows whose partitioning value is NULL are dropped, as the manual says
                out[i] = c.isNull(i) ? -1 : c.hashBucket(i, buckets);
            }
            return out;
        }

        @Override
        public String dirName(int i) {
            return "Key" + i;
        }
    }

    // ---- LIST -----------------------------------------------------------------------------------

    public static final class ListScheme extends PartitionScheme {
        private final BasicAnyVector lists;
        private final Map<Object, Integer> index = new HashMap<>();

        ListScheme(Entity scheme) {
            super(elementType(scheme));
            if (!(scheme instanceof BasicAnyVector any)) throw new ScriptException("A LIST partition scheme must be a tuple of vectors");
            this.lists = any;
            for (int i = 0; i < any.rows(); i++) {
                Entity part = any.getEntity(i);
                Vector v = part.isScalar() ? Vectors.repeat(part, 1) : (Vector) part;
                for (int k = 0; k < v.rows(); k++) {
                    Scalar s = Vectors.scalarAt(v, k);
                    index.put(Types.isIntegerBacked(s.getDataType()) ? (Object) Scalars.rawLong(s) : Scalars.text(s), i);
                }
            }
        }

        private static DATA_TYPE elementType(Entity scheme) {
            if (scheme instanceof BasicAnyVector any && any.rows() > 0) {
                DATA_TYPE t = any.getEntity(0).getDataType();
                return t == DT_STRING ? DT_SYMBOL : t;
            }
            throw new ScriptException("A LIST partition scheme must be a tuple of vectors");
        }

        @Override
        public int typeCode() {
            return LIST;
        }

        @Override
        public Entity schemaEntity() {
            return lists;
        }

        @Override
        public int size() {
            return lists.rows();
        }

        @Override
        public int[] route(Vector column) {
            Vector c = convertForRouting(column);
            int n = c.rows();
            int[] out = new int[n];
            boolean integral = Types.isIntegerBacked(columnType);
            long[] raw = integral ? Vectors.longs(c) : null;
            String[] s = integral ? null : Vectors.strings(c);
            for (int i = 0; i < n; i++) {
                Integer at = index.get(integral ? (Object) raw[i] : s[i]);
                out[i] = at == null ? -1 : at;
            }
            return out;
        }

        @Override
        public String dirName(int i) {
            return "List" + i;
        }
    }
}
