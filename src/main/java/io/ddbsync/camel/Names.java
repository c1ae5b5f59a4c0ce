package io.ddbsync.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks database, table, column and partition names before they reach any script. A name that
 * does not match is refused with an error that shows it, so a table named
 * {@code mt"); dropDatabase("dfs://db1"); ("} never becomes code on a server.
 */
public final class Names {
    private static final Pattern DATABASE = Pattern.compile("dfs://[A-Za-z0-9_\\-]+");
    // the manual: letters, digits and underscores, starting with a letter
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // partition directories: /20240101, /202401M, /0_50, /Key3, /List0, /IBM, /20240101/Key3
    private static final Pattern PARTITION_PATH = Pattern.compile("(/[A-Za-z0-9_.:\\-]+)+");
    // restore/checkBackup patterns: a path, possibly with % and ? wildcards
    private static final Pattern PARTITION_PATTERN = Pattern.compile("[A-Za-z0-9_.:%?/\\-]+");

    private Names() {
    }

    public static String database(String name) {
        return check(name, DATABASE, "database", "dfs:// followed by letters, digits, '_' or '-'");
    }

    public static String table(String name) {
        return check(name, TABLE, "table", "letters, digits and '_', starting with a letter");
    }

    public static String column(String name) {
        return check(name, COLUMN, "column", "letters, digits and '_', starting with a letter or '_'");
    }

    /** A comma separated column list ("a, b,c") as validated names; empty for null or blank. */
    public static List<String> columns(String list) {
        List<String> out = new ArrayList<>();
        if (list == null || list.isBlank()) return out;
        for (String c : list.split(",")) out.add(column(c.trim()));
        return out;
    }

    public static String partitionPath(String path) {
        return check(path, PARTITION_PATH, "partition path", "'/'-separated directory names such as /20240101 or /20240101/Key3");
    }

    public static String partitionPattern(String pattern) {
        return check(pattern, PARTITION_PATTERN, "partition pattern", "a path with optional % and ? wildcards, such as % or %/20240101%");
    }

    private static String check(String value, Pattern pattern, String what, String rule) {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("No " + what + " name given");
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " name '" + value + "': expected " + rule);
        }
        return value;
    }
}
