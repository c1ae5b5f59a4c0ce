package io.ddbsync.camel;

import com.xxdb.data.*;
import com.xxdb.data.Vector;

import java.util.ArrayList;
import java.util.List;
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
        Partition p = find(schema, path, rows);
        if (p == null) throw new IllegalArgumentException("Partition " + path + " is not in the partition scheme of " + schema.database()
                + " (" + schema.partitionDescription() + ")");
        return p;
    }

    /** Like {@link #of}, but null when a level's directory is not in the scheme (a VALUE partition the database lacks). */
    public static Partition find(TableSchema schema, String path, long rows) {
        List<TableSchema.Level> levels = schema.levels();
        if (levels.isEmpty()) throw new IllegalArgumentException(schema.table() + " is not a partitioned table");
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
            Key key = key(level, dirs[l]);
            if (key == null) return null;
            conditions.add("partition(" + Names.column(level.column()) + ", " + key.text + ")");
            keys.add(key.value);
            columns.add(level.column());
        }
        return new Partition(path, String.join(" and ", conditions), columns, keys, rows);
    }

    private record Key(Entity value, String text) {}

    private static Key key(TableSchema.Level level, String dir) {
        switch (level.type()) {
            case TableSchema.VALUE -> {
                Vector values = (Vector) level.scheme();
                for (int i = 0; i < values.rows(); i++) {
                    Entity v = values.get(i);
                    if (dirText(v).equals(dir)) return new Key(v, literal(v));
                }
                return null;
            }
            case TableSchema.RANGE -> {
                Vector bounds = (Vector) level.scheme();
                for (int i = 0; i + 1 < bounds.rows(); i++) {
                    if ((dirText(bounds.get(i)) + "_" + dirText(bounds.get(i + 1))).equals(dir)) return index(i);
                }
                return null;
            }
            case TableSchema.HASH -> {
                Matcher m = HASH_DIR.matcher(dir);
                return m.matches() ? index(Integer.parseInt(m.group(1))) : null;
            }
            case TableSchema.LIST -> {
                Matcher m = LIST_DIR.matcher(dir);
                if (m.matches()) return index(Integer.parseInt(m.group(1)));
                // a list whose directory is named after its values
                BasicAnyVector lists = (BasicAnyVector) level.scheme();
                for (int i = 0; i < lists.rows(); i++) if (dirText(lists.getEntity(i)).equals(dir)) return index(i);
                return null;
            }
            default -> throw new IllegalArgumentException("Unsupported partition type " + level.type());
        }
    }

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
