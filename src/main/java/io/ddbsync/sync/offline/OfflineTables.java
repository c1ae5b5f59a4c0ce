package io.ddbsync.sync.offline;

import io.ddbsync.sync.Names;
import io.ddbsync.sync.SyncRuns;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.*;
import java.util.regex.Pattern;

/**
 * What an offline job syncs: a database (or a pattern over the cluster's DFS databases with '*') and
 * its tables (every table, or a comma list of names and '*' patterns), listed on the source cluster
 * at every run, so a table created since the last run is picked up. Per-table settings come from the
 * properties {@code jobs.<jobId>.tables.<table>.<setting>} (targetTable, targetDatabase, columns,
 * windowColumn). A table an earlier run synced that the source no longer has is reported, never
 * dropped on the target: the tables of each run are kept in {@code <stateDir>/tables/<jobId>.txt}.
 */
public class OfflineTables {
    public static final String TABLES = "DdbSyncTables";
    /** The databases whose every table the job syncs (a Set of names). */
    public static final String WHOLE_DATABASES = "DdbSyncWholeDatabases";
    private static final Logger LOG = LoggerFactory.getLogger("io.ddbsync.progress");
    private static final Set<String> SETTINGS = Set.of("targetTable", "targetDatabase", "columns", "windowColumn");

    private String stateDir = "state";

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    /**
     * Lists the job's tables on the source cluster and keeps them in the exchange property
     * DdbSyncTables, sorted by database and table. {@code table} and {@code targetTable} are the
     * one-table job's names (the tutorial's); with {@code table} set, {@code tables} is ignored.
     */
    public List<OfflineTable> resolve(Exchange exchange, String job, String cluster, String database, String tables, String table,
                                      String targetDatabase, String targetTable, String columns, String windowColumn) throws IOException {
        String spec = blank(table) ? (blank(tables) ? "*" : tables) : table;
        List<String> databases = databases(exchange.getContext(), cluster, database);
        if (databases.size() > 1 && !blank(targetDatabase) && !targetDatabase.equals(database)) {
            throw new IllegalArgumentException("Job " + job + ": database " + database + " matches " + databases.size() + " databases " + databases
                    + ", which targetDatabase " + targetDatabase + " cannot name at once: leave targetDatabase empty (each database keeps its name) or set "
                    + "jobs." + job + ".tables.<table>.targetDatabase");
        }
        Map<String, Map<String, String>> overrides = overrides(exchange.getContext(), job);
        List<OfflineTable> out = new ArrayList<>();
        Set<String> matchedNames = new HashSet<>();
        Set<String> wholeDatabases = new TreeSet<>();
        Set<String> onSource = new HashSet<>();
        for (String db : databases) {
            List<String> names = tablesOf(exchange.getContext(), cluster, db);
            for (String name : names) onSource.add(db + "/" + name);
            List<String> selected = select(job, db, names, spec);
            if (!selected.isEmpty() && selected.size() == names.size()) wholeDatabases.add(db);
            for (String name : selected) {
                matchedNames.add(name);
                Map<String, String> o = overrides.getOrDefault(name, Map.of());
                String toDb = o.getOrDefault("targetDatabase", blank(targetDatabase) || databases.size() > 1 ? db : targetDatabase);
                String toTable = o.getOrDefault("targetTable", !blank(table) && !blank(targetTable) ? targetTable : name);
                out.add(new OfflineTable(db, name, Names.database(toDb), Names.table(toTable), o.getOrDefault("columns", columns),
                        o.getOrDefault("windowColumn", windowColumn)));
            }
        }
        for (String name : overrides.keySet()) {
            if (!matchedNames.contains(name)) {
                throw new IllegalArgumentException("Job " + job + ": jobs." + job + ".tables." + name + ".* names table " + name
                        + ", which is not one of the tables the job syncs (database " + database + ", tables " + spec + ")");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Job " + job + ": no table of " + databases + " matches tables " + spec);
        }
        out.sort(Comparator.comparing(OfflineTable::getDatabase).thenComparing(OfflineTable::getTable));
        reportDropped(exchange, job, out, databases, onSource);
        exchange.setProperty(TABLES, out);
        exchange.setProperty(WHOLE_DATABASES, wholeDatabases);
        SyncRuns.report(exchange).fact("tables", out.size() + " " + (out.size() > 20 ? out.subList(0, 20) + "..." : out));
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Set<String> wholeDatabases(Exchange exchange) {
        return exchange.getProperty(WHOLE_DATABASES, Set.of(), Set.class);
    }

    /** The job's databases: the one named, or those of the cluster matching a '*' pattern. */
    private static List<String> databases(CamelContext context, String cluster, String database) {
        if (blank(database)) throw new IllegalArgumentException("No database given: name a DFS database (dfs://db) or a pattern (dfs://trades_*)");
        if (!database.contains("*")) return List.of(Names.database(database));
        Pattern p = glob(database);
        List<String> matched = new ArrayList<>();
        for (Object db : list(context, cluster, "getClusterDFSDatabases()")) {
            if (p.matcher(db.toString()).matches()) matched.add(db.toString());
        }
        if (matched.isEmpty()) throw new IllegalArgumentException("No database of cluster '" + cluster + "' matches " + database);
        Collections.sort(matched);
        return matched;
    }

    private static List<String> tablesOf(CamelContext context, String cluster, String database) {
        List<String> names = new ArrayList<>();
        for (Object t : list(context, cluster, "getTables(database(\"" + Names.database(database) + "\"))")) names.add(t.toString());
        return names;
    }

    /** The names that the comma list of names and patterns selects; a plain name the database lacks stops the run. */
    private static List<String> select(String job, String database, List<String> names, String spec) {
        Set<String> out = new TreeSet<>();
        for (String item : spec.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) continue;
            if (s.contains("*")) {
                Pattern p = glob(s);
                for (String n : names) if (p.matcher(n).matches()) out.add(n);
            } else if (names.contains(Names.table(s))) {
                out.add(s);
            } else {
                throw new IllegalArgumentException("Job " + job + ": table " + s + " does not exist in database " + database + " (its tables: " + names + ")");
            }
        }
        return new ArrayList<>(out);
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) regex.append(".*");
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static List<?> list(CamelContext context, String cluster, String script) {
        ProducerTemplate template = context.createProducerTemplate();
        try {
            Object result = template.requestBody("dolphindb:" + cluster + "?operation=script", script);
            return result instanceof List<?> l ? l : result == null ? List.of() : List.of(result);
        } finally {
            try {
                template.stop();
            } catch (Exception ignored) {
                // a template that fails to stop holds no server resource
            }
        }
    }

    /** jobs.<job>.tables.<table>.<setting>, by table; an unknown setting stops the run naming it. */
    private static Map<String, Map<String, String>> overrides(CamelContext context, String job) {
        String prefix = "jobs." + job + ".tables.";
        PropertiesComponent pc = context.getPropertiesComponent();
        Properties all = pc.loadProperties(k -> k.startsWith(prefix));
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String key : all.stringPropertyNames()) {
            String rest = key.substring(prefix.length());
            int dot = rest.lastIndexOf('.');
            String setting = dot < 0 ? rest : rest.substring(dot + 1);
            if (dot <= 0 || !SETTINGS.contains(setting)) {
                throw new IllegalArgumentException("Unknown setting " + key + ": a table of job " + job + " takes " + new TreeSet<>(SETTINGS));
            }
            // resolved, so that {{env:...}} and overrides apply as to any other setting
            String value = pc.resolveProperty(key).orElse(all.getProperty(key)).trim();
            out.computeIfAbsent(Names.table(rest.substring(0, dot)), t -> new HashMap<>()).put(setting, value);
        }
        return out;
    }

    /**
     * Names in the report (and the log) the tables an earlier run synced that the source no longer
     * has: in one of the job's databases, and not listed there now (a table the job's settings no
     * longer select was not dropped).
     */
    private void reportDropped(Exchange exchange, String job, List<OfflineTable> now, List<String> databases, Set<String> onSource) throws IOException {
        Path file = Path.of(stateDir, "tables", job + ".txt");
        List<String> names = now.stream().map(OfflineTable::getName).toList();
        if (Files.exists(file)) {
            List<String> gone = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            gone.removeIf(name -> name.isBlank() || onSource.contains(name) || databases.stream().noneMatch(db -> name.startsWith(db + "/")));
            if (!gone.isEmpty()) {
                SyncRuns.report(exchange).fact("dropped on the source", gone + ": kept on the target (the job never drops a table)");
                LOG.warn("[{}] {} no longer on the source: kept on the target", job, gone);
            }
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, names, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
