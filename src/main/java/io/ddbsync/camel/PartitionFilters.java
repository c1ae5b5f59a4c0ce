package io.ddbsync.camel;

import com.xxdb.data.*;
import com.xxdb.data.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a partition path into the filter that selects exactly that partition's rows. It uses
 * DolphinDB's partition(column, key) function, which the server evaluates against its own
 * partitioning (so a TIMESTAMP column in DATE partitions needs no conversion and the query is
 * pruned to that one partition): the key is the partition value for VALUE, the 0-based index for
 * RANGE and LIST, the bucket number for HASH.
 */
public final class PartitionFilters {
    private static final Pattern HASH_DIR = Pattern.compile("Key(\\d+)");
    private static final Pattern LIST_DIR = Pattern.compile("List(\\d+)");
    // string partition values are quoted; DolphinDB forbids blanks in them (S01018), we also refuse quotes and backslashes
    private static final Pattern PLAIN_TEXT = Pattern.compile("[^\"\\\\\\s]*");

    private PartitionFilters() {
    }

    /** The partition at {@code path} of a table with this schema, with {@code rows} as metadata reports. */
    public static Partition of(TableSchema schema, String path, long rows) {
        return new Resolver(schema).of(path, rows);
    }

    /** Like {@link #of}, but null when a level's directory is not in the scheme (a VALUE partition the database lacks). */
    public static Partition find(TableSchema schema, String path, long rows) {
        return new Resolver(schema).find(path, rows);
    }

    /**
     * Resolves the paths of one table's partitions against its scheme, each level's directory
     * names indexed once: a table of thousands of VALUE partitions lists them in time linear in
     * their number (looking each directory up in the scheme's values was quadratic).
     */
    static final class Resolver {
        private final TableSchema schema;
        /** Per level: directory names to positions in the scheme, for directories named after values or ranges (built on first use). */
        private final List<Directories> byDirectory = new ArrayList<>();

        Resolver(TableSchema schema) {
            this.schema = schema;
            if (schema.levels().isEmpty()) throw new IllegalArgumentException(schema.table() + " is not a partitioned table");
            for (int l = 0; l < schema.levels().size(); l++) byDirectory.add(null);
        }

        /** The partition at {@code path} with {@code rows} as metadata reports; see {@link PartitionFilters#of}. */
        Partition of(String path, long rows) {
            Partition p = find(path, rows);
            if (p == null) throw new IllegalArgumentException("Partition " + path + " is not in the partition scheme of " + schema.database()
                    + " (" + schema.partitionDescription() + ")");
            return p;
        }

        Partition find(String path, long rows) {
            List<TableSchema.Level> levels = schema.levels();
            String[] dirs = path.substring(1).split("/");
            if (dirs.length != levels.size()) {
                throw new IllegalArgumentException("Partition path " + path + " does not have one directory per partition level of "
                        + schema.database() + " (" + schema.partitionDescription() + ")");
            }
            List<String> conditions = new ArrayList<>();
            List<Entity> keys = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            for (int l = 0; l < levels.size(); l++) {
                TableSchema.Level level = levels.get(l);
                Key key = key(l, level, dirs[l]);
                if (key == null) return null;
                conditions.add("partition(" + Names.column(level.column()) + ", " + key.text + ")");
                keys.add(key.value);
                columns.add(level.column());
            }
            return new Partition(path, String.join(" and ", conditions), columns, keys, rows);
        }

        private Key key(int l, TableSchema.Level level, String dir) {
            switch (level.type()) {
                case TableSchema.HASH -> {
                    Matcher m = HASH_DIR.matcher(dir);
                    return m.matches() ? index(Integer.parseInt(m.group(1))) : null;
                }
                case TableSchema.LIST -> {
                    Matcher m = LIST_DIR.matcher(dir);
                    if (m.matches()) return index(Integer.parseInt(m.group(1)));
                    // a list whose directory is named after its values
                    Integer i = positions(l, level).get(dir);
                    return i == null ? null : index(i);
                }
                case TableSchema.VALUE -> {
                    Integer i = positions(l, level).get(dir);
                    if (i == null) return null;
                    Entity v = ((Vector) level.scheme()).get(i);
                    return new Key(v, literal(v));
                }
                case TableSchema.RANGE -> {
                    Integer i = positions(l, level).get(dir);
                    return i == null ? null : index(i);
                }
                default -> throw new IllegalArgumentException("Unsupported partition type " + level.type());
            }
        }

        /** The position in the level's scheme of each directory name; where two give the same name, the first. */
        private Directories positions(int l, TableSchema.Level level) {
            Directories names = byDirectory.get(l);
            if (names != null) return names;
            names = INDEXED_LEVELS.computeIfAbsent(level, Resolver::directoryIndex);
            byDirectory.set(l, names);
            return names;
        }

        /**
         * The directory indexes of the levels resolved lately, kept while their schema is (weakly: a
         * level is a schema's, and a Level's scheme compares by identity, so a schema read again
         * after addValuePartitions gets an index of its own). The online sync resolves one partition
         * per call, thousands of times with the same cached schema: indexing its scheme each time
         * made each call linear in the table's partitions (8% of the runner's CPU at 2,000, JFR).
         */
        private static final Map<TableSchema.Level, Directories> INDEXED_LEVELS = Collections.synchronizedMap(new WeakHashMap<>());

        private static Directories directoryIndex(TableSchema.Level level) {
            return switch (level.type()) {
                case TableSchema.VALUE -> {
                    Vector values = (Vector) level.scheme();
                    yield new Directories(values.rows(), i -> dirText(values.get(i)));
                }
                case TableSchema.RANGE -> {
                    Vector bounds = (Vector) level.scheme();
                    yield new Directories(Math.max(0, bounds.rows() - 1), i -> dirText(bounds.get(i)) + "_" + dirText(bounds.get(i + 1)));
                }
                default -> {
                    BasicAnyVector lists = (BasicAnyVector) level.scheme();
                    yield new Directories(lists.rows(), i -> dirText(lists.getEntity(i)));
                }
            };
        }
    }

    /**
     * One level's directory names, found by position: the positions sorted by their name's hash
     * code, 8 bytes a position instead of a map entry with the name's text (a VALUE level of
     * thousands of dates, held while a stats call scans its partitions batch by batch). A name is
     * made again from the scheme to confirm a match.
     */
    private static final class Directories {
        /** Each position's name's hash code in the high 32 bits, the position in the low 32, sorted. */
        private final long[] hashAndPosition;
        private final IntFunction<String> name;

        Directories(int n, IntFunction<String> name) {
            this.name = name;
            hashAndPosition = new long[n];
            for (int i = 0; i < n; i++) hashAndPosition[i] = (long) name.apply(i).hashCode() << 32 | i;
            Arrays.sort(hashAndPosition);
        }

        /** The first position named {@code dir}, or null. */
        Integer get(String dir) {
            long from = (long) dir.hashCode() << 32;
            int k = Arrays.binarySearch(hashAndPosition, from);
            if (k < 0) k = -k - 1;
            for (; k < hashAndPosition.length && hashAndPosition[k] >>> 32 == from >>> 32; k++) {
                int position = (int) hashAndPosition[k];
                if (name.apply(position).equals(dir)) return position;
            }
            return null;
        }
    }

    private record Key(Entity value, String text) {}

    private static Key index(int i) {
        return new Key(new BasicInt(i), Integer.toString(i));
    }

    /** A partition directory's name for one value: 20240101 for a DATE, 202401M for a MONTH, the text otherwise. */
    static String dirText(Entity v) {
        String s = v.getString();
        return switch (v.getDataType()) {
            case DT_DATE, DT_MONTH -> s.replace(".", "");
            case DT_DATEHOUR, DT_DATETIME, DT_TIMESTAMP, DT_NANOTIMESTAMP, DT_MINUTE, DT_SECOND, DT_TIME, DT_NANOTIME ->
                    s.replace(".", "").replace(":", "").replace("T", "");
            default -> s;
        };
    }

    /** The value as DolphinDB source text: 2024.01.03, 2024.01M, 42, "IBM". */
    static String literal(Entity v) {
        String s = v.getString();
        return switch (v.getDataType()) {
            case DT_STRING, DT_SYMBOL -> {
                if (!PLAIN_TEXT.matcher(s).matches()) {
                    throw new IllegalArgumentException("Partition value '" + s + "' cannot be written as a filter");
                }
                yield "\"" + s + "\"";
            }
            case DT_DATEHOUR -> "datehour(\"" + s + "\")";
            default -> s;
        };
    }
}
