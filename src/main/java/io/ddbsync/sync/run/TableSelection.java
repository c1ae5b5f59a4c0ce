package io.ddbsync.sync.run;

import io.ddbsync.camel.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a job syncs, from how it is declared to the tables it names on the source right now.
 * <p>
 * A job names a {@code database} (a DFS database, or a pattern with {@code *} such as
 * {@code dfs://trades_*}) and {@code tables} ({@code *} for every table, or a comma list of names and
 * patterns such as {@code mt, quotes_*}). {@code targetDatabase} is where they are written: empty for
 * each database's own name, a name, or for a database pattern a name with as many {@code *} as the
 * pattern, each standing for what the pattern's matched ({@code dfs://copy_*}). Per table, the
 * properties {@code jobs.<jobId>.tables.<table>.<setting>} override {@code targetTable},
 * {@code targetDatabase}, {@code columns} and {@code windowColumn}.
 * <p>
 * Resolving lists the source (its DFS databases, and each matched database's tables), and compares
 * with what a previous run knew: a table known then and gone now is reported as dropped (the target's
 * copy stays); a table named without a pattern that neither exists nor existed is an error naming it.
 */
public final class TableSelection {
    /** The per-table settings a properties file may override, under {@code jobs.<jobId>.tables.<table>.}. */
    public static final Set<String> TABLE_SETTINGS = Set.of("targetTable", "targetDatabase", "columns", "windowColumn");

    private final String jobId;
    private final String database;
    private final List<String> tables;
    private final String targetDatabase;
    private final Map<String, Map<String, String>> overrides;

    /**
     * @param jobId          the job, naming its overrides and its errors
     * @param database       a DFS database or a pattern with {@code *}
     * @param tables         {@code *}, or a comma list of table names and patterns (blank = {@code *})
     * @param targetDatabase blank for each source database's own name, else a name (with {@code *}s for a pattern)
     * @param properties     the job's settings; only those under {@code jobs.<jobId>.tables.} are read
     */
    public TableSelection(String jobId, String database, String tables, String targetDatabase, Properties properties) {
        this.jobId = jobId;
        this.database = requirePattern(database, "database");
        this.tables = splitList(tables);
        this.targetDatabase = targetDatabase == null ? "" : targetDatabase.trim();
        if (isPattern(this.targetDatabase) && count(this.targetDatabase, '*') != count(this.database, '*')) {
            throw new IllegalArgumentException("Job " + jobId + ": targetDatabase '" + this.targetDatabase + "' has "
                    + count(this.targetDatabase, '*') + " '*' but database '" + this.database + "' has "
                    + count(this.database, '*') + "; give one '*' for each of the pattern's, or a plain name");
        }
        this.overrides = readOverrides(properties == null ? new Properties() : properties);
    }

    /** Whether the job names one database and one table without patterns (the tutorial's job). */
    public boolean isSingleTable() {
        return !isPattern(database) && tables.size() == 1 && !isPattern(tables.get(0));
    }

    /**
     * The tables to sync now, sorted by source database and table, and those a previous run knew that
     * the source no longer has.
     *
     * @param databases      lists the source cluster's DFS databases (only called for a database pattern)
     * @param tablesOf       lists the tables of one source database
     * @param previouslyKnown the {@link SyncTable#sourceKey()}s a previous run synced (empty for none)
     */
    public Resolved resolve(Supplier<Collection<String>> databases, Function<String, Collection<String>> tablesOf,
                            Collection<String> previouslyKnown) {
        List<String> matchedDatabases = new ArrayList<>();
        if (isPattern(database)) {
            Pattern p = glob(database);
            for (String db : new TreeSet<>(databases.get())) {
                if (p.matcher(db).matches()) matchedDatabases.add(db);
            }
        } else {
            matchedDatabases.add(database);
        }
        Set<String> known = new TreeSet<>(previouslyKnown);
        List<SyncTable> selected = new ArrayList<>();
        Set<String> missing = new TreeSet<>();
        for (String db : matchedDatabases) {
            Set<String> present = new TreeSet<>(tablesOf.apply(db));
            for (String name : tables) {
                if (!isPattern(name) && !present.contains(name)) {
                    String key = db + "/" + name;
                    if (!known.contains(key)) missing.add(key);
                }
            }
            for (String table : present) {
                if (selects(table)) selected.add(resolve(db, table));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Job " + jobId + ": the source has no table " + String.join(", ", missing)
                    + " (tables: " + String.join(", ", tables) + ")");
        }
        if (selected.isEmpty() && known.isEmpty()) {
            throw new IllegalArgumentException("Job " + jobId + ": the source has no table matching database '" + database
                    + "' and tables '" + String.join(", ", tables) + "'");
        }
        selected.sort(null);
        checkNoTwoWriteOneTarget(selected);
        Set<String> now = new TreeSet<>();
        for (SyncTable t : selected) now.add(t.sourceKey());
        List<String> dropped = new ArrayList<>();
        for (String key : known) {
            if (!now.contains(key)) dropped.add(key);
        }
        return new Resolved(List.copyOf(selected), List.copyOf(dropped));
    }

    /**
     * The tables a job syncs, and the source tables an earlier run synced that are gone now
     * ({@link SyncTable#sourceKey()}s, sorted): reported, never dropped on the target.
     */
    public record Resolved(List<SyncTable> tables, List<String> dropped) {
    }

    private boolean selects(String table) {
        for (String name : tables) {
            if (glob(name).matcher(table).matches()) return true;
        }
        return false;
    }

    private SyncTable resolve(String sourceDatabase, String table) {
        Map<String, String> o = overrides.getOrDefault(table, Map.of());
        String targetDb = o.getOrDefault("targetDatabase", defaultTargetDatabase(sourceDatabase));
        return new SyncTable(Names.database(sourceDatabase), Names.table(table), Names.database(targetDb),
                Names.table(o.getOrDefault("targetTable", table)),
                String.join(", ", Names.columns(o.getOrDefault("columns", ""))),
                o.containsKey("windowColumn") ? Names.column(o.get("windowColumn")) : "");
    }

    private String defaultTargetDatabase(String sourceDatabase) {
        if (targetDatabase.isEmpty()) return sourceDatabase;
        if (!isPattern(targetDatabase)) return targetDatabase;
        Matcher m = glob(database).matcher(sourceDatabase);
        if (!m.matches()) return targetDatabase; // cannot happen: the database matched the pattern to be here
        StringBuilder out = new StringBuilder();
        int group = 1;
        for (char c : targetDatabase.toCharArray()) {
            if (c == '*') out.append(m.group(group++));
            else out.append(c);
        }
        return out.toString();
    }

    private void checkNoTwoWriteOneTarget(List<SyncTable> selected) {
        Map<String, SyncTable> byTarget = new HashMap<>();
        for (SyncTable t : selected) {
            SyncTable other = byTarget.putIfAbsent(t.targetKey(), t);
            if (other != null) {
                throw new IllegalArgumentException("Job " + jobId + ": " + other.sourceKey() + " and " + t.sourceKey()
                        + " would both be written to " + t.targetKey()
                        + "; give one of them its own jobs." + jobId + ".tables.<table>.targetTable or targetDatabase");
            }
        }
    }

    private Map<String, Map<String, String>> readOverrides(Properties properties) {
        String prefix = "jobs." + jobId + ".tables.";
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!key.startsWith(prefix)) continue;
            String rest = key.substring(prefix.length());
            int dot = rest.lastIndexOf('.');
            String table = dot < 0 ? "" : rest.substring(0, dot);
            String setting = dot < 0 ? rest : rest.substring(dot + 1);
            if (!TABLE_SETTINGS.contains(setting) || table.isEmpty()) {
                throw new IllegalArgumentException("Unknown setting " + key + ": under " + prefix
                        + "<table>. a job takes " + String.join(", ", new TreeSet<>(TABLE_SETTINGS)));
            }
            if (!selects(table)) {
                throw new IllegalArgumentException("Setting " + key + " is for table " + table
                        + ", which job " + jobId + " does not select (tables: " + String.join(", ", tables) + ")");
            }
            out.computeIfAbsent(table, t -> new HashMap<>()).put(setting, properties.getProperty(key).trim());
        }
        return out;
    }

    private static List<String> splitList(String tables) {
        List<String> out = new ArrayList<>();
        if (tables != null) {
            for (String name : tables.split(",")) {
                if (!name.isBlank()) out.add(requirePattern(name.trim(), "table"));
            }
        }
        if (out.isEmpty()) out.add("*");
        return out;
    }

    // a name or pattern: the characters of names, and '*'; anything else (quotes, spaces, ';') is refused
    private static String requirePattern(String value, String what) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("No " + what + " given");
        if (!value.matches("(dfs://)?[A-Za-z0-9_\\-*]+")) {
            throw new IllegalArgumentException("Invalid " + what + " '" + value
                    + "': expected a name, or a pattern of letters, digits, '_', '-' and '*'");
        }
        return value;
    }

    private static boolean isPattern(String value) {
        return value.indexOf('*') >= 0;
    }

    private static Pattern glob(String pattern) {
        List<String> literals = new ArrayList<>();
        for (String part : pattern.split("\\*", -1)) literals.add(Pattern.quote(part));
        return Pattern.compile(String.join("(.*)", literals));
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }
}
