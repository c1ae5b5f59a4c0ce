package io.ddbsync.sync.online;

import io.ddbsync.camel.DolphinDBConstants;
import io.ddbsync.sync.Names;
import io.ddbsync.sync.RunReport;
import io.ddbsync.sync.SchemaDiff;
import io.ddbsync.sync.SyncProperties;
import io.ddbsync.sync.SyncWindow;
import io.ddbsync.sync.TableSchema;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.spi.IdempotentRepository;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One online job's settings (the online-sync template's parameters) and the run-level steps the
 * template calls on it: begin a run, resolve the window, check the target, make the plan, finish.
 * The route template binds one per job as a local bean; everything a run learns lives in the
 * run's own {@link OnlineRun}, so overlapping runs of different jobs never share state.
 */
public class OnlineJob {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private String jobId;
    private String sourceCluster;
    private String targetCluster;
    private String database;
    private String table;
    private String targetDatabase;
    private String targetTable;
    private String window = "all";
    private String windowColumn;
    private String columns;
    private int parallel = 1;
    private int fetchSize = 8192;
    private boolean incremental;
    private boolean dryRun;
    private String ledger;
    private String timeZone;

    /** Starts a run: its report (exchange property DdbSyncReport) and its state, with the window resolved now, once. */
    public void begin(Exchange exchange) {
        Clock clock = clock();
        String mode = "online" + (incremental ? ", incremental" : "") + (dryRun ? ", dry run" : "");
        RunReport report = new RunReport(jobId, mode, LocalDateTime.now(clock).format(RUN_ID));
        report.fact("source", sourceCluster + " " + database + "/" + table)
                .fact("target", targetCluster + " " + getTargetDatabase() + "/" + getTargetTable())
                .fact("window", window)
                .fact("columns", columns == null || columns.isBlank() ? "all" : columns)
                .fact("parallel", parallel + " partitions at a time, blocks of " + fetchSize + " rows");
        // the report first: a window that does not parse is reported like any other failure
        exchange.setProperty(SyncProperties.REPORT, report);
        SyncWindow resolved = SyncWindow.parse(window, clock);
        report.fact("window", resolved);
        exchange.setProperty(SyncProperties.ONLINE_RUN, new OnlineRun(jobId, report, resolved));
    }

    /**
     * Body: the source's TableSchema. Turns the window into a condition on the window column (by
     * default the first partitioning column) and sets it as the CamelDolphinDBWhere header of the
     * planning calls; the window "all" needs none.
     */
    public void resolveWindow(Exchange exchange) throws InvalidPayloadException {
        OnlineRun run = run(exchange);
        TableSchema schema = exchange.getMessage().getMandatoryBody(TableSchema.class);
        if (!schema.isPartitioned()) {
            throw new IllegalArgumentException(database + "/" + table + " is not partitioned: online sync copies partitioned (DFS) tables");
        }
        String column = windowColumn == null || windowColumn.isBlank() ? schema.partitionColumns().get(0) : Names.column(windowColumn.trim());
        TableSchema.Column c = schema.column(column);
        if (c == null) throw new IllegalArgumentException("Window column '" + column + "' is not a column of " + database + "/" + table);
        List<String> kept = Names.columns(columns);
        if (!kept.isEmpty() && kept.stream().noneMatch(k -> k.equalsIgnoreCase(c.name()))) {
            throw new IllegalArgumentException("The window column '" + c.name() + "' must be one of the columns " + kept + ": the target is read by it too");
        }
        String where = run.getWindow().condition(Names.column(c.name()), c.typeString());
        if (where == null) exchange.getMessage().removeHeader(DolphinDBConstants.WHERE);
        else exchange.getMessage().setHeader(DolphinDBConstants.WHERE, where);
        run.setSourceSchema(schema, c.name());
        run.getReport().fact("window", run.getWindow() + (where == null ? "" : " on " + c.name()));
    }

    /** After ensureTable: what it did to the target table (created, addedPartitions, unchanged). */
    public void targetEnsured(Exchange exchange) {
        String action = exchange.getMessage().getHeader(DolphinDBConstants.TABLE_ACTION, String.class);
        run(exchange).setTargetStatus(action);
        run(exchange).getReport().fact("target table", action);
    }

    /**
     * Dry run, body: the target's TableSchema, or null when the target table does not exist. Checks
     * what ensureTable would check, without writing: a mismatch stops the run with the same diff.
     */
    public void checkTarget(Exchange exchange) {
        OnlineRun run = run(exchange);
        TableSchema actual = exchange.getMessage().getBody(TableSchema.class);
        String status;
        if (actual == null) {
            status = "would be created";
        } else {
            TableSchema expected = run.getSourceSchema().renamed(getTargetDatabase(), getTargetTable()).withColumns(Names.columns(columns));
            SchemaDiff diff = SchemaDiff.compare(expected, actual);
            if (!diff.isCompatible()) {
                throw new IllegalArgumentException("Table " + getTargetDatabase() + "/" + getTargetTable() + " exists but differs from the source "
                        + database + "/" + table + ":\n" + diff);
            }
            status = diff.getMissingValues().isEmpty() ? "exists, same schema" : "exists, VALUE partitions would be added";
        }
        run.setTargetStatus(status);
        run.getReport().fact("target table", status);
    }

    /**
     * Makes the plan from the listings in the properties DdbSyncSourceListing and DdbSyncTargetListing
     * (partitions in a full run, stats in an incremental one). Body: the {@link OnlinePlan}.
     */
    public void plan(Exchange exchange) {
        OnlineRun run = run(exchange);
        List<?> source = exchange.getProperty(SyncProperties.SOURCE_LISTING, List.class);
        List<?> target = exchange.getProperty(SyncProperties.TARGET_LISTING, List.class);
        long rowBytes = DataSize.rowBytes(run.getSourceSchema().withColumns(Names.columns(columns)));
        List<PartitionTask> tasks = PlanBuilder.tasks(source, target, incremental, rowBytes, run::ledgerKey);
        OnlinePlan plan = new OnlinePlan(jobId, run.getWindow().toString(), getTargetDatabase() + "/" + getTargetTable() + " " + run.getTargetStatus(), tasks);
        RunReport report = run.getReport();
        for (PartitionTask t : tasks) {
            if (t.getAction() == PartitionTask.Action.UNCHANGED) {
                report.partition(new RunReport.PartitionResult(t.getPath(), t.getAction().done(), t.getSourceRows(), t.getTargetRows(),
                        t.getSourceChecksum(), t.getTargetChecksum(), 0, 0));
            }
        }
        report.stage("plan", run.millisSinceStart(), plan.summary());
        run.setPlan(plan);
        exchange.getMessage().setBody(plan);
    }

    /**
     * After the split. The run verified when every partition did; then its keys leave the ledger,
     * so the next run of the same window copies again instead of skipping. Otherwise the keys stay,
     * and a re-run redoes only the partitions that are not in the ledger.
     */
    public void finish(Exchange exchange) {
        OnlineRun run = run(exchange);
        RunReport report = run.getReport();
        OnlinePlan plan = run.getPlan();
        long millis = run.copyMillis();
        report.transferred(run.bytes(), millis);
        report.stage("copy", millis, String.format(Locale.ROOT, "%d partitions, %,d rows, up to %d at a time", plan.getToCopy().size(), run.rows(), parallel));
        List<String> failures = run.failures();
        if (!failures.isEmpty()) {
            report.failed(failures.size() + " of " + plan.getToCopy().size() + " partitions failed (a re-run redoes only the partitions not verified): "
                    + String.join("; ", failures));
            return;
        }
        IdempotentRepository repository = exchange.getContext().getRegistry().lookupByNameAndType(ledger, IdempotentRepository.class);
        if (repository != null) {
            for (PartitionTask t : plan.getToCopy()) repository.remove(t.getLedgerKey());
        }
        report.finished();
    }

    /** A dry run ends after the plan: nothing was written. */
    public void finishDryRun(Exchange exchange) {
        OnlineRun run = run(exchange);
        run.getReport().fact("dry run", "nothing written; " + run.getPlan().summary());
        run.getReport().finished();
    }

    /** The run stopped before or around the split (schema mismatch, a cluster down): the report says where. */
    public void failed(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RunReport report = exchange.getProperty(SyncProperties.REPORT, RunReport.class);
        if (report != null) report.failed(Failures.describe(e));
    }

    static OnlineRun run(Exchange exchange) {
        OnlineRun run = exchange.getProperty(SyncProperties.ONLINE_RUN, OnlineRun.class);
        if (run == null) throw new IllegalStateException("No online run on this exchange: the route must call begin first");
        return run;
    }

    private Clock clock() {
        return timeZone == null || timeZone.isBlank() ? Clock.systemDefaultZone() : Clock.system(ZoneId.of(timeZone.trim()));
    }

    // the template's parameters

    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    public String getSourceCluster() {
        return sourceCluster;
    }

    public void setSourceCluster(String sourceCluster) {
        this.sourceCluster = sourceCluster;
    }

    public String getTargetCluster() {
        return targetCluster;
    }

    public void setTargetCluster(String targetCluster) {
        this.targetCluster = targetCluster;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    /** The target database; the source's name when not set. */
    public String getTargetDatabase() {
        return targetDatabase == null || targetDatabase.isBlank() ? database : targetDatabase;
    }

    public void setTargetDatabase(String targetDatabase) {
        this.targetDatabase = targetDatabase;
    }

    public String getTargetTable() {
        return targetTable == null || targetTable.isBlank() ? table : targetTable;
    }

    public void setTargetTable(String targetTable) {
        this.targetTable = targetTable;
    }

    public String getWindow() {
        return window;
    }

    public void setWindow(String window) {
        this.window = window;
    }

    public String getWindowColumn() {
        return windowColumn;
    }

    public void setWindowColumn(String windowColumn) {
        this.windowColumn = windowColumn;
    }

    public String getColumns() {
        return columns;
    }

    public void setColumns(String columns) {
        this.columns = columns;
    }

    public int getParallel() {
        return parallel;
    }

    public void setParallel(int parallel) {
        this.parallel = parallel;
    }

    public int getFetchSize() {
        return fetchSize;
    }

    public void setFetchSize(int fetchSize) {
        this.fetchSize = fetchSize;
    }

    public boolean isIncremental() {
        return incremental;
    }

    public void setIncremental(boolean incremental) {
        this.incremental = incremental;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getLedger() {
        return ledger;
    }

    public void setLedger(String ledger) {
        this.ledger = ledger;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }
}
