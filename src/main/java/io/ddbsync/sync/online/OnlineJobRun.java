package io.ddbsync.sync.online;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncTable;
import io.ddbsync.sync.run.SyncWindow;
import org.apache.camel.spi.IdempotentRepository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of an online job across its tables, kept in the exchange property DdbSyncOnlineJobRun:
 * the tables it syncs (resolved once, at the start), what they share (the window, the ledger, the
 * deadline, the partition slots) and which tables failed. Each table's own state is an
 * {@link OnlineRun}, made when its turn comes.
 */
public final class OnlineJobRun {
    /** The exchange property that holds it. */
    public static final String PROPERTY = "DdbSyncOnlineJobRun";

    private final RunReport report;
    private final SyncWindow window;
    private final IdempotentRepository ledger;
    private final RunDeadline deadline;
    private final List<SyncTable> tables;
    private final boolean oneTable;
    private final Map<String, String> failedTables = new LinkedHashMap<>();
    private final List<OnlineRun> copiedTables = new java.util.ArrayList<>();

    OnlineJobRun(RunReport report, SyncWindow window, IdempotentRepository ledger, RunDeadline deadline, List<SyncTable> tables,
                 boolean oneTable) {
        this.report = report;
        this.window = window;
        this.ledger = ledger;
        this.deadline = deadline;
        this.tables = List.copyOf(tables);
        this.oneTable = oneTable;
    }

    /** How many tables the run syncs: the run route's loop count. */
    public int getTableCount() {
        return tables.size();
    }

    List<SyncTable> tables() {
        return tables;
    }

    /** A job declared with one table keeps its partitions in the run's report, as before jobs had several. */
    boolean isOneTable() {
        return oneTable;
    }

    /** Where a table's partitions, stages and error go: the run's report for a one-table job, else the table's own. */
    RunReport reportOf(SyncTable table) {
        return oneTable ? report : report.table(table.toString());
    }

    SyncWindow window() {
        return window;
    }

    IdempotentRepository ledger() {
        return ledger;
    }

    RunDeadline deadline() {
        return deadline;
    }

    /** A table whose partitions all verified: its ledger keys go when the whole run is done. */
    void tableCopied(OnlineRun run) {
        copiedTables.add(run);
    }

    List<OnlineRun> copiedTables() {
        return copiedTables;
    }

    void tableFailed(SyncTable table, String why) {
        failedTables.put(table.toString(), why);
    }

    Map<String, String> failedTables() {
        return failedTables;
    }
}
