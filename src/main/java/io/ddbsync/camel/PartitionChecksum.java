package io.ddbsync.camel;

import com.xxdb.data.Entity.DATA_TYPE;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the server-side function that counts a partition's rows and computes an exact,
 * order-independent checksum of their content (docs/checksum.md explains the choice):
 *
 * <pre>
 * field text  x = string(col)                             integral, temporal, literal, UUID, IPADDR, INT128, DECIMAL, BOOL
 *             x = format(col, "0.0000000000000000E0")     FLOAT, DOUBLE (string() rounds to a few digits)
 * field       string(strlen(x)) + ":" + x                 STRING, SYMBOL: a length prefix, so ("ab","") and ("a","b") differ
 *             x + "|"                                      the rest: their text never holds '|', so a terminator does it
 * row hash    h = crc32(field_n, ... crc32(field_1, seed))  CRC-32 chained over the row's fields
 * checksum    sum(long(h)) over the rows                  addition does not depend on row order
 * </pre>
 *
 * Two chains run side by side, one over the columns in table order from seed 0, one in reverse
 * order from another seed, which gives two independent sums. The function's parameters are the
 * database path, the table name and one partition() key per level, so values reach the server as
 * typed arguments; only validated column names are part of the text.
 */
public final class PartitionChecksum {
    static final String DOUBLE_PATTERN = "0.0000000000000000E0";
    /** Names this formula where checksums are kept (the component's stats cache); change it when the formula changes. */
    public static final String FORMULA = "crc32-text-1";
    static final int SEED_1 = 0;
    static final int SEED_2 = 0x5bd1e995;

    private PartitionChecksum() {
    }

    /**
     * The function text: def(dbUrl, tb, k1, ...) returning a one-row table (rows, c1, c2). It reads
     * the partition once and turns each column into its field text once, then chains the fields.
     * It is one line (statements end with ';'): the protocol sends a function's name on one line.
     */
    public static String function(TableSchema schema) {
        List<String> params = new ArrayList<>(List.of("dbUrl", "tb"));
        List<String> where = new ArrayList<>();
        for (int l = 0; l < schema.levels().size(); l++) {
            String key = "k" + (l + 1);
            params.add(key);
            where.add("partition(" + Names.column(schema.levels().get(l).column()) + ", " + key + ")");
        }
        List<TableSchema.Column> cols = schema.columns();
        List<String> names = new ArrayList<>();
        for (TableSchema.Column c : cols) names.add(Names.column(c.name()));
        StringBuilder body = new StringBuilder();
        body.append("t = select ").append(String.join(", ", names)).append(" from loadTable(dbUrl, tb)")
                .append(where.isEmpty() ? "" : " where " + String.join(" and ", where)).append("; ");
        for (int i = 0; i < cols.size(); i++) {
            TableSchema.Column c = cols.get(i);
            String text = text(c, "t." + names.get(i));
            if (isLiteral(c)) {
                // the length prefix reads the text twice; one variable x serves every column, so
                // the server holds one column's text at a time besides the fields (a partition's
                // texts are most of the memory the checksum takes)
                body.append("x = ").append(text).append("; ");
                body.append("f").append(i).append(" = ").append(field(c, "x")).append("; ");
            } else {
                body.append("f").append(i).append(" = ").append(field(c, text)).append("; ");
            }
        }
        body.append("h1 = ").append(SEED_1).append("; ");
        for (int i = 0; i < cols.size(); i++) body.append("h1 = crc32(f").append(i).append(", h1); ");
        body.append("h2 = ").append(SEED_2).append("; ");
        for (int i = cols.size() - 1; i >= 0; i--) body.append("h2 = crc32(f").append(i).append(", h2); ");
        body.append("return table(size(t) as rows, sum(long(h1)) as c1, sum(long(h2)) as c2)");
        return "def(" + String.join(", ", params) + ") { " + body + " }";
    }

    /**
     * The same checksums for many partitions in one call: def(dbUrl, tb, keys1, ...), one tuple of
     * partition() keys per level, the i-th partition's key of each level at position i, returning a
     * table (rows, c1, c2) with one row per partition in that order. The partitions are read one
     * after another by {@link #function}, so the server holds one partition's texts at a time.
     */
    public static String batchFunction(TableSchema schema) {
        List<String> params = new ArrayList<>(List.of("dbUrl", "tb"));
        List<String> keys = new ArrayList<>(List.of("dbUrl", "tb"));
        for (int l = 1; l <= schema.levels().size(); l++) {
            params.add("keys" + l);
            keys.add("keys" + l + "[i]");
        }
        return "def(" + String.join(", ", params) + ") { f = " + function(schema) + "; "
                + "res = table(array(INT, 0) as rows, array(LONG, 0) as c1, array(LONG, 0) as c2); "
                + "for (i in til(size(keys1))) { res.append!(f(" + String.join(", ", keys) + ")) }; return res }";
    }

    /**
     * A field of the row's byte string: literal text gets a length prefix; every other type's text
     * (numbers, temporal values, UUID, IPADDR, INT128, DECIMAL, BOOL) never holds '|', which ends it.
     * Either way the concatenation of a row's fields can be split back into them, so different rows
     * give different byte strings.
     */
    static String field(TableSchema.Column c, String text) {
        return isLiteral(c) ? "string(strlen(" + text + ")) + \":\" + " + text : text + " + \"|\"";
    }

    private static boolean isLiteral(TableSchema.Column c) {
        return c.dataType() == DATA_TYPE.DT_STRING || c.dataType() == DATA_TYPE.DT_SYMBOL;
    }

    /**
     * Fails, naming the first column the server-side checksum cannot cover (array vectors, BLOB),
     * with why {@code purpose} needs it and what to do instead; {@code columns}: the subset checked
     * (empty: all).
     */
    public static void requireCheckable(TableSchema schema, List<String> columns, String purpose, String instead) {
        TableSchema checked = columns.isEmpty() ? schema : schema.withColumns(columns);
        for (TableSchema.Column c : checked.columns()) {
            try {
                text(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(schema.database() + "/" + schema.table() + ": " + purpose
                        + " uses server-side checksums, which do not cover column '" + c.name() + "' (" + c.typeString() + "): " + instead, e);
            }
        }
    }

    /** The exact text of one column's values. */
    static String text(TableSchema.Column c) {
        return text(c, Names.column(c.name()));
    }

    /** The exact text of the values of {@code expr}, a column of type {@code c}. */
    static String text(TableSchema.Column c, String name) {
        if (c.typeInt() >= 64) {
            throw new IllegalArgumentException("Column '" + c.name() + "' is an array vector (" + c.typeString() + "); stats does not checksum array vectors");
        }
        return switch (c.dataType()) {
            case DT_FLOAT, DT_DOUBLE -> "format(" + name + ", \"" + DOUBLE_PATTERN + "\")";
            case DT_BLOB -> throw new IllegalArgumentException("Column '" + c.name() + "' is a BLOB; stats does not checksum BLOB columns");
            default -> "string(" + name + ")";
        };
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of();
    private static final int DIGITS = 32;

    /** The partition's checksum as one text: both sums in hex, "0" for no rows. */
    public static String combine(long rows, long sum1, long sum2) {
        return rows == 0 ? "0" : text(sum1, sum2);
    }

    /**
     * {@code %016x%016x}, the checksum of a partition with rows, without a Formatter (one a partition
     * was a few per cent of a run's CPU). With {@link #isHex}, {@link #high} and {@link #low}, what
     * lets a sync keep a checksum as its two longs (16 bytes instead of a 72-byte text) and spell it
     * again exactly as it came.
     */
    public static String text(long sum1, long sum2) {
        return HEX.toHexDigits(sum1) + HEX.toHexDigits(sum2);
    }

    /** Whether the text is 32 lowercase hex digits, which {@link #text} spells back exactly. */
    public static boolean isHex(String checksum) {
        if (checksum.length() != DIGITS) return false;
        for (int i = 0; i < DIGITS; i++) {
            char c = checksum.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }

    /** The first sum of a checksum {@link #isHex}. */
    public static long high(String hex) {
        return Long.parseUnsignedLong(hex, 0, DIGITS / 2, 16);
    }

    /** The second sum of a checksum {@link #isHex}. */
    public static long low(String hex) {
        return Long.parseUnsignedLong(hex, DIGITS / 2, DIGITS, 16);
    }
}
