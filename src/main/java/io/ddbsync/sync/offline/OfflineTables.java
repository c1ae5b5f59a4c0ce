package io.ddbsync.sync.offline;

import io.ddbsync.camel.Names;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncRuns;
import io.ddbsync.sync.run.SyncTable;
import io.ddbsync.sync.run.TableSelection;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.*;

/**
 * What an offline job syncs, listed on the source cluster at every run ({@link TableSelection}: a
 * database or a '*' pattern of databases, every table or names and patterns, per-table settings
 * {@code jobs.<jobId>.tables.<table>.<setting>}), so a table created since the last run is picked
 * up. The tables each run synced are kept in the StateRepository bean {@code offlineKnownTables}; one
 * an earlier run synced that the source no longer has is reported, never dropped on the target.
 */
public class OfflineTables {
    public static final String TABLES = "DdbSyncTables";
    /** The databases whose every table the job syncs (a Set of names): backed up whole. */
    public static final String WHOLE_DATABASES = "DdbSyncWholeDatabases";
    private static final Logger LOG = LoggerFactory.getLogger("io.ddbsync.progress");

    private StateRepository<String, String> knownTables;

    public void setKnownTables(StateRepository<String, String> knownTables) {
        this.knownTables = knownTables;
    }

    /**
     * Lists the job's tables on the source cluster into the exchange property DdbSyncTables, sorted by
     * database and table. {@code table} and {@code targetTable} are the one-table job's names (the
     * tutorial's); with {@code table} set, {@code tables} is ignored. The job's {@code columns} and
     * {@code windowColumn} apply to every table without settings of its own.
     */
    public List<OfflineTable> resolve(Exchange exchange, String job, String cluster, String database, String tables, String table,
                                      String targetDatabase, String targetTable, String columns, String windowColumn) throws Exception {
        boolean oneTable = table != null && !table.isBlank();
        TableSelection selection = new TableSelection(job, database, oneTable ? table : tables, targetDatabase,
                exchange.getContext().getPropertiesComponent().loadProperties(k -> k.startsWith("jobs." + job + ".tables.")));
        if (!oneTable && targetTable != null && !targetTable.isBlank()) {
            throw new IllegalArgumentException("Job " + job + " syncs tables " + tables + ": targetTable names one target;"
                    + " give each table its own with jobs." + job + ".tables.<table>.targetTable");
        }
        String before = known().getState(job);
        Map<String, Integer> tablesOnSource = new HashMap<>();
        TableSelection.Resolved resolved;
        if (selection.isSingleTable()) {
            // one named table is not listed: the plan's schema call names it when the source lacks it
            resolved = selection.resolve(List::of, db -> List.of(table == null || table.isBlank() ? tables.trim() : table.trim()), List.of());
        } else {
            ProducerTemplate calls = exchange.getContext().createProducerTemplate();
            try {
                resolved = selection.resolve(() -> list(calls, cluster, "getClusterDFSDatabases()"), db -> {
                    List<String> names = list(calls, cluster, "getTables(database(\"" + Names.database(db) + "\"))");
                    tablesOnSource.put(db, names.size());
                    return names;
                }, before == null || before.isBlank() ? List.of() : Arrays.asList(before.split(",")));
            } finally {
                ServiceHelper.stopService(calls);
            }
        }
        if (resolved.tables().isEmpty()) {
            throw new IllegalArgumentException("Job " + job + ": the source has none of its tables now (database " + database + ", tables "
                    + (oneTable ? table : tables) + "; dropped since the last run: " + String.join(", ", resolved.dropped()) + ")");
        }
        List<OfflineTable> out = new ArrayList<>();
        Map<String, Integer> selectedOf = new HashMap<>();
        for (SyncTable t : resolved.tables()) {
            selectedOf.merge(t.sourceDatabase(), 1, Integer::sum);
            // the template's targetTable renames the one table, unless its own setting does
            String to = oneTable && t.targetTable().equals(t.table()) && targetTable != null && !targetTable.isBlank()
                    ? Names.table(targetTable.trim()) : t.targetTable();
            out.add(new OfflineTable(t.sourceDatabase(), t.table(), t.targetDatabase(), to,
                    t.columns().isEmpty() ? columns : t.columns(), t.windowColumn().isEmpty() ? windowColumn : t.windowColumn()));
        }
        Set<String> wholeDatabases = new TreeSet<>();
        selectedOf.forEach((db, n) -> {
            if (n.equals(tablesOnSource.get(db))) wholeDatabases.add(db);
        });
        RunReport report = SyncRuns.report(exchange);
        if (!resolved.dropped().isEmpty()) {
            report.fact("dropped", "on the source since the last run, left on the target: " + String.join(", ", resolved.dropped()));
            LOG.warn("[{}] tables dropped on the source since the last run (their copies on the target are left as they are): {}", job,
                    String.join(", ", resolved.dropped()));
        }
        known().setState(job, String.join(",", resolved.tables().stream().map(SyncTable::sourceKey).toList()));
        exchange.setProperty(TABLES, out);
        exchange.setProperty(WHOLE_DATABASES, wholeDatabases);
        report.fact("tables", out.size() + " " + (out.size() > 20 ? out.subList(0, 20) + "..." : out));
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Set<String> wholeDatabases(Exchange exchange) {
        return exchange.getProperty(WHOLE_DATABASES, Set.of(), Set.class);
    }

    private StateRepository<String, String> known() {
        if (knownTables == null) throw new IllegalStateException("offlineTables has no knownTables repository");
        ServiceHelper.startService(knownTables);
        return knownTables;
    }

    /** A listing script's names (the component turns a STRING vector into a list). */
    private static List<String> list(ProducerTemplate calls, String cluster, String script) {
        Object result = calls.requestBody("dolphindb:" + cluster + "?operation=script", script);
        List<String> names = new ArrayList<>();
        if (result instanceof Collection<?> c) for (Object o : c) names.add(String.valueOf(o));
        else if (result != null) names.add(String.valueOf(result));
        return names;
    }
}
