package io.ddbsync.standin.backup;

import io.ddbsync.standin.functions.DfsFunctions;
import io.ddbsync.standin.script.ScriptException;

import java.util.regex.Pattern;

/**
 * The partition argument of restore and checkBackup: one pattern over the partition's path from
 * the database name, "/compoDB/20170807/0_50", where "%" matches any run of characters and "?" one
 * character ("%", "%/20170807/0_50", "%20170810%"). A pattern may also end with the table's
 * physical index, as 2.00.4-2.00.6 required ("/compoDB/20170807/0_50/8t").
 */
final class PartitionPattern {
    private final String text;
    private final Pattern regex;

    private PartitionPattern(String text) {
        this.text = text;
        this.regex = Pattern.compile(DfsFunctions.wildcard(text));
    }

    static PartitionPattern of(String pattern) {
        if (pattern == null || pattern.isEmpty()) throw new ScriptException("The partition pattern must be a non-empty string such as \"%\"");
        return new PartitionPattern(pattern);
    }

    static PartitionPattern all() {
        return new PartitionPattern("%");
    }

    /** Whether the pattern selects every partition, which is when restore's snapshot applies. */
    boolean isAll() {
        return text.equals("%");
    }

    boolean matches(String dbPath, String partitionPath, String physicalIndex) {
        String rel = BackupLayout.dbRelative(dbPath, partitionPath);
        return regex.matcher(rel).matches() || regex.matcher(rel + "/" + physicalIndex).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
