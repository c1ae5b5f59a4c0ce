package io.ddbsync.sync.online;

import io.ddbsync.camel.DolphinDBComponent;
import io.ddbsync.camel.DolphinDBConstants;
import io.ddbsync.camel.DolphinDBExchangeProperties;
import io.ddbsync.camel.DolphinDBOutputType;
import io.ddbsync.camel.Names;
import io.ddbsync.camel.Partition;
import io.ddbsync.camel.PartitionChecksum;
import io.ddbsync.camel.PartitionStats;
import io.ddbsync.camel.SchemaDiff;
import io.ddbsync.camel.TableSchema;
import io.ddbsync.camel.wire.WireTable;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import io.ddbsync.sync.run.SyncRuns;
import io.ddbsync.sync.run.SyncTable;
import io.ddbsync.sync.run.SyncVerificationException;
import io.ddbsync.sync.run.SyncWindow;
import io.ddbsync.sync.run.TableSelection;
import io.ddbsync.sync.run.WindowCondition;
import io.ddbsync.sync.state.LedgerFileRepository;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One online job's settings (the online-sync template's parameters) and the run-level steps the
 * template calls on it: begin (the tables the job syncs, {@link TableSelection}); for each table:
 * begin it, resolve the window, check the target, make the plan; then the copy of every table's
 * partitions through the job's one pool, round by round, with each table's check at the end of a
 * round; then each table's end; at the end, the tables that failed.
 * The run's report and stages are the shared {@code syncRuns} bean's (routes/beans.yaml).
 * The route template binds one per job as a local bean; everything a run learns lives in the
 * run's own {@link OnlineRun}, so overlapping runs of different jobs never share state.
 */
public class OnlineJob {
    private static final WindowCondition WINDOWS = new WindowCondition();
    private static final Logger PROGRESS = LoggerFactory.getLogger("io.ddbsync.progress");
    /** Jobs already told that their blocks are humongous in this JVM: once each is enough. */
    private static final Set<String> TOLD_HUMONGOUS = ConcurrentHashMap.newKeySet();

    private String jobId;
    private String sourceCluster;
    private String targetCluster;
    private String database;
    private String table;
    private String tables;
    private String targetDatabase;
    private String targetTable;
    private String windowColumn;
    private String columns;
    private int parallel = 1;
    private int fetchSize = 8192;
    private boolean incremental;
    private boolean dryRun;
    private boolean verify = true;
    private String verifyBy = READBACK;
    private String ledger;
    private String blocks = AUTO;
    private String deadline = "";
    private long deadlineMillis;
    private int catchUpRounds = 1;
    private String knownTables = "";
    /** The job's partition slots: one run of a job at a time (its lock), so one set per job. */
    private PartitionSlots slots;

    /** blocks: in wire form where the columns and the clusters allow it, else decoded by the Java API. */
    public static final String AUTO = "auto";
    /** blocks: always through the DolphinDB Java API (decoded blocks), the component's own wire connections unused. */
    public static final String API = "api";

    /** verifyBy: the runner compares the rows it appended with the partition read back from the target. */
    public static final String READBACK = "readback";
    /** verifyBy: both servers compute the partition's row count and checksum (docs/checksum.md). */
    public static final String CHECKSUM = "checksum";

    /**
     * After syncRuns.start (the report in DdbSyncReport, the window resolved once in DdbSyncWindow):
     * the job's settings in the report, and the run's own state in DdbSyncOnlineRun.
     */
    public void begin(Exchange exchange) {
        RunReport report = SyncRuns.report(exchange);
        // copies hold a source connection each and borrow target ones; read-backs hold a target connection each,
        // checksums (and an incremental run's version reads after a read-back) borrow one of each; verifications run
        // beside the copies (PartitionSlots)
        int verifications = verify ? parallel : 0;
        requireConnections(exchange, sourceCluster, parallel + (readsBack() && !incremental ? 0 : verifications));
        requireConnections(exchange, targetCluster, parallel + verifications);
        String humongous = HumongousBlocks.advice(fetchSize);
        if (humongous != null && TOLD_HUMONGOUS.add(jobId)) PROGRESS.warn("[{}] {}", jobId, humongous);
        SyncWindow window = exchange.getProperty(SyncProperties.WINDOW, SyncWindow.class);
        TableSelection selection = new TableSelection(jobId, database, tablesDeclared(), targetDatabase,
                exchange.getContext().getPropertiesComponent().loadProperties(k -> k.startsWith("jobs." + jobId + ".tables.")));
        List<SyncTable> selected = selectTables(exchange, selection, report);
        if (selection.isSingleTable()) {
            SyncTable only = selected.get(0);
            report.fact("source", sourceCluster + " " + only.sourceKey()).fact("target", targetCluster + " " + only.targetKey());
        } else {
            report.fact("source", sourceCluster + " " + database + " tables " + tablesDeclared())
                    .fact("target", targetCluster + " " + (targetDatabase == null || targetDatabase.isBlank() ? "same names" : targetDatabase))
                    .fact("tables", selected.size() + " selected, planned one after the other, their partitions copied through one pool,"
                            + " the largest first");
        }
        report.fact("columns", columns == null || columns.isBlank() ? "all" : columns)
                .fact("parallel", parallel + " partitions at a time, blocks of " + fetchSize + " rows");
        if (incremental) report.fact("incremental", "only partitions whose stats differ");
        if (dryRun) report.fact("dry run", "plan only, nothing written");
        if (deadlineMillis > 0) report.fact("deadline", deadline + " from the start of the run");
        if (!verify) report.fact("verify", "off: partitions are copied, not compared");
        else if (readsBack()) report.fact("verify", "each partition read back from the target and compared with the rows copied (runner-side digest)");
        else report.fact("verify", "row count and checksum of each partition computed on both servers");
        if (verify && catchUpRounds > 0) report.fact("catch-up", "partitions written on the source during the run are copied again, up to "
                + catchUpRounds + " round" + (catchUpRounds == 1 ? "" : "s"));
        exchange.setProperty(OnlineJobRun.PROPERTY, new OnlineJobRun(report, window, ledger(exchange),
                RunDeadline.of(jobId, deadline, deadlineMillis), selected, selection.isSingleTable()));
    }

    /** The tables parameter when given; else the one-table synonym table; else every table. */
    private String tablesDeclared() {
        if (tables != null && !tables.isBlank()) return tables;
        return table != null && !table.isBlank() ? table : "*";
    }

    /**
     * The tables the job syncs now. A job of one named table is not listed (its schema call names
     * it when it is missing); any other lists the source's databases and tables, and compares with
     * the tables its previous run knew (the knownTables state): those dropped on the source since are
     * reported, and their copies on the target left as they are.
     */
    private List<SyncTable> selectTables(Exchange exchange, TableSelection selection, RunReport report) {
        if (selection.isSingleTable()) {
            SyncTable t = selection.resolve(List::of, db -> List.of(tablesDeclared().trim()), List.of()).tables().get(0);
            // the template's targetTable names the one table's target, unless the properties override it
            boolean overridden = !t.targetTable().equals(t.table());
            if (overridden || targetTable == null || targetTable.isBlank()) return List.of(t);
            return List.of(new SyncTable(t.sourceDatabase(), t.table(), t.targetDatabase(), Names.table(targetTable.trim()), t.columns(), t.windowColumn()));
        }
        // a targetTable that only repeats the one-table synonym (the shipped job's default) names nothing to rename
        if (targetTable != null && !targetTable.isBlank() && !targetTable.trim().equals(table == null ? "" : table.trim())) {
            throw new IllegalArgumentException("Job " + jobId + " syncs several tables (" + tablesDeclared() + "): targetTable names one target;"
                    + " give each table its own with jobs." + jobId + ".tables.<table>.targetTable");
        }
        StateRepository<String, String> known = knownTablesState(exchange);
        String before = known == null ? null : known.getState(jobId);
        ProducerTemplate calls = exchange.getContext().createProducerTemplate();
        try {
            String uri = "dolphindb:" + sourceCluster + "?operation=script";
            TableSelection.Resolved resolved = selection.resolve(
                    () -> names(calls.requestBody(uri, "getClusterDFSDatabases()")),
                    db -> names(calls.requestBody(uri, "getTables(database(\"" + Names.database(db) + "\"))")),
                    before == null || before.isEmpty() ? List.of() : Arrays.asList(before.split(",")));
            if (!resolved.dropped().isEmpty()) {
                report.fact("dropped", "on the source since the last run, left on the target: " + String.join(", ", resolved.dropped()));
                PROGRESS.warn("[{}] tables dropped on the source since the last run (their copies on the target are left as they are): {}", jobId,
                        String.join(", ", resolved.dropped()));
            }
            if (known != null) known.setState(jobId, String.join(",", resolved.tables().stream().map(SyncTable::sourceKey).toList()));
            return resolved.tables();
        } finally {
            try {
                calls.stop();
            } catch (Exception e) {
                PROGRESS.debug("stopping the listing's producer template", e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private StateRepository<String, String> knownTablesState(Exchange exchange) {
        if (knownTables == null || knownTables.isBlank()) return null;
        StateRepository<String, String> repository = exchange.getContext().getRegistry().lookupByNameAndType(knownTables, StateRepository.class);
        if (repository == null) throw new IllegalArgumentException("Job " + jobId + ": no StateRepository bean named '" + knownTables + "' (knownTables)");
        ServiceHelper.startService(repository);
        return repository;
    }

    /** A listing's names: a STRING vector from the server, or the Java list the component made of it. */
    private static Collection<String> names(Object listing) {
        List<String> out = new ArrayList<>();
        if (listing instanceof com.xxdb.data.Vector v) {
            for (int i = 0; i < v.rows(); i++) out.add(v.getString(i));
        } else if (listing instanceof Collection<?> c) {
            for (Object o : c) out.add(String.valueOf(o));
        } else if (listing != null && listing.getClass().isArray()) {
            for (Object o : (Object[]) listing) out.add(String.valueOf(o));
        } else if (listing != null) {
            throw new IllegalStateException("Expected a list of names, got " + listing.getClass().getName());
        }
        return out;
    }

    /**
     * Before each table, in the run route's loop (CamelLoopIndex): the table's own state in
     * DdbSyncOnlineRun, and nothing of the table before it on the exchange. Past the run's deadline
     * no table starts.
     */
    public void beginTable(Exchange exchange) {
        OnlineJobRun jobRun = jobRun(exchange);
        SyncTable t = jobRun.tables().get(exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class));
        exchange.removeProperty(SyncProperties.SOURCE_LISTING);
        exchange.removeProperty(SyncProperties.TARGET_LISTING);
        exchange.removeProperty("DdbSyncTargetExists");
        // each table's run reads the schemas of its two tables once (after ensureTable has made the target what it will be:
        // ensureTable and the schema operation always read theirs)
        exchange.setProperty(DolphinDBExchangeProperties.SCHEMA_CACHE, new java.util.concurrent.ConcurrentHashMap<String, TableSchema>());
        exchange.removeProperty(SyncProperties.ONLINE_RUN);
        exchange.getMessage().removeHeaders("CamelDolphinDB*");
        exchange.getMessage().setBody(null);
        synchronized (this) {
            if (slots == null) slots = new PartitionSlots(parallel);
        }
        OnlineRun run = new OnlineRun(this, jobRun, t, slots);
        exchange.setProperty(SyncProperties.ONLINE_RUN, run);
        jobRun.planned(exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class), run);
        if (!jobRun.isOneTable()) PROGRESS.info("[{}] table {} ({} of {})", jobId, t, jobRun.tables().indexOf(t) + 1, jobRun.getTableCount());
        jobRun.deadline().check();
    }

    /** Marks the start of a stage of the table's run (plan, copy); {@link #endStage} reports its time. */
    public void beginStage(Exchange exchange, String stage) {
        exchange.setProperty(SyncProperties.STAGE_STARTED + stage, System.nanoTime());
        PROGRESS.info("[{}] {}{} ...", jobId, stage, tableNamed(exchange));
    }

    /** The stage's time and detail in the table's report: the run's for a one-table job, the table's own else. */
    public void endStage(Exchange exchange, String stage, String detail) {
        Long started = exchange.getProperty(SyncProperties.STAGE_STARTED + stage, Long.class);
        stageEnded(exchange, stage, started == null ? 0 : (System.nanoTime() - started) / 1_000_000, detail);
    }

    private void stageEnded(Exchange exchange, String stage, long millis, String detail) {
        run(exchange).getReport().stage(stage, millis, detail);
        PROGRESS.info("[{}] {}{} done in {} ms{}", jobId, stage, tableNamed(exchange), millis, detail == null || detail.isEmpty() ? "" : ": " + detail);
    }

    /**
     * Every table is planned: the copy stage starts, its first round the partitions of every
     * table's plan in the job's one pool, the largest first across tables ({@link OnlineJobRun#nextRound}).
     */
    public void startCopy(Exchange exchange) {
        OnlineJobRun jobRun = jobRun(exchange);
        long now = System.nanoTime();
        exchange.setProperty(SyncProperties.STAGE_STARTED + "copy", now);
        // what the last table's plan left on the exchange is no partition's: each sets its own
        exchange.removeProperty(SyncProperties.ONLINE_RUN);
        exchange.getMessage().removeHeaders("CamelDolphinDB*");
        exchange.getMessage().setBody(null);
        List<OnlineRun> runs = jobRun.runs();
        for (OnlineRun run : runs) run.copyStarted(now);
        jobRun.nextRound();
        PoolRound round = jobRun.getRoundToCopy();
        int partitions = round == null ? 0 : round.size();
        if (jobRun.isOneTable()) PROGRESS.info("[{}] copy ...", jobId);
        else PROGRESS.info("[{}] copy: {} partitions of {} tables through one pool of {} at a time, the largest first ...", jobId, partitions,
                runs.size(), parallel);
    }

    /**
     * In the loop over the tables at the end of a round (CamelLoopIndex): the table's run in
     * DdbSyncOnlineRun when the table was in the round, else none (the route skips it).
     */
    public void tableInRound(Exchange exchange) {
        exchange.removeProperty(SyncProperties.SOURCE_LISTING);
        exchange.removeProperty(SyncProperties.TARGET_LISTING);
        OnlineRun run = jobRun(exchange).run(exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class));
        if (run != null && run.getRoundToCopy() != null) exchange.setProperty(SyncProperties.ONLINE_RUN, run);
        else exchange.removeProperty(SyncProperties.ONLINE_RUN);
    }

    /** After each table's end-of-round check: the pool's next round, every table's catch-up partitions; none ends the copy. */
    public void nextRound(Exchange exchange) {
        exchange.removeProperty(SyncProperties.ONLINE_RUN);
        jobRun(exchange).nextRound();
    }

    /** The pool drained for good: in a job of several tables, the job's copy stage in its report (each table has its own too). */
    public void copyDone(Exchange exchange) {
        OnlineJobRun jobRun = jobRun(exchange);
        if (jobRun.isOneTable()) return;
        Long started = exchange.getProperty(SyncProperties.STAGE_STARTED + "copy", Long.class);
        long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        String detail = jobRun.copySummary(parallel);
        jobRun.report().stage("copy", millis, detail);
        PROGRESS.info("[{}] copy done in {} ms: {}", jobId, millis, detail);
    }

    /** In the loop over the tables after the copy: the table's run in DdbSyncOnlineRun, none for a table that failed or was not planned. */
    public void tableToEnd(Exchange exchange) {
        OnlineRun run = jobRun(exchange).run(exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class));
        if (run != null) exchange.setProperty(SyncProperties.ONLINE_RUN, run);
        else exchange.removeProperty(SyncProperties.ONLINE_RUN);
    }

    private static String tableNamed(Exchange exchange) {
        return jobRun(exchange).isOneTable() ? "" : " " + run(exchange).table();
    }

    /** A table's run ended (verified, or a dry run): its report is complete. */
    public void tableDone(Exchange exchange) {
        if (!jobRun(exchange).isOneTable()) run(exchange).getReport().finished();
    }

    /**
     * A table failed (the exception is in CamelExceptionCaught). A one-table job fails with it, as
     * it always has; in a job of several, the table's report says why and the next table goes on.
     */
    public void tableFailed(Exchange exchange) throws Exception {
        OnlineJobRun jobRun = jobRun(exchange);
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (jobRun.isOneTable()) throw caught;
        OnlineRun run = exchange.getProperty(SyncProperties.ONLINE_RUN, OnlineRun.class);
        String why = SyncRuns.describe(caught);
        SyncTable t = run == null ? jobRun.tables().get(exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class)) : run.table();
        // out of the pool's rounds; its keys stay in the ledger
        if (run != null) run.failed();
        jobRun.reportOf(t).failed(why);
        jobRun.tableFailed(t, why);
        PROGRESS.warn("[{}] table {} FAILED (the other tables go on): {}", jobId, t, why);
    }

    /** After the last table: tables that failed fail the run, naming each with why; else the run's ledger keys go. */
    public void tablesDone(Exchange exchange) {
        OnlineJobRun jobRun = jobRun(exchange);
        if (jobRun.failedTables().isEmpty()) {
            forgetVerified(jobRun.copiedTables());
            return;
        }
        // the ledger keeps every table's keys: a re-run skips what verified, in every table
        List<String> each = new ArrayList<>();
        jobRun.failedTables().forEach((t, why) -> each.add(t + ": " + why));
        throw new SyncVerificationException(jobRun.failedTables().size() + " of " + jobRun.getTableCount()
                + " tables failed (a re-run redoes only the partitions not verified): " + String.join("; ", each));
    }

    static OnlineJobRun jobRun(Exchange exchange) {
        OnlineJobRun run = exchange.getProperty(OnlineJobRun.PROPERTY, OnlineJobRun.class);
        if (run == null) throw new IllegalStateException("No online job run on this exchange: the route must call begin first");
        return run;
    }

    /** The job's ledger bean; a name that is none stops the run before anything is written. */
    private IdempotentRepository ledger(Exchange exchange) {
        IdempotentRepository repository = exchange.getContext().getRegistry().lookupByNameAndType(ledger, IdempotentRepository.class);
        if (repository == null) throw new IllegalArgumentException("Job " + jobId + ": no IdempotentRepository bean named '" + ledger + "' (ledger)");
        // as Camel's idempotentConsumer would: a repository is a service (a memory one has no map before it starts); starting
        // one already started does nothing
        ServiceHelper.startService(repository);
        return repository;
    }

    /**
     * Each partition copied at a time holds a source connection for as long as it streams, and each
     * one verified at a time a target connection for its read-back, so a pool smaller than that
     * would make partitions wait for connections and time out: say so before anything starts.
     */
    private void requireConnections(Exchange exchange, String cluster, int needed) {
        DolphinDBComponent component = exchange.getContext().getComponent("dolphindb", DolphinDBComponent.class);
        int poolSize = component.resolveCluster(cluster).getPoolSize();
        if (poolSize < needed) {
            String why = needed == parallel ? parallel + " partitions at a time"
                    : parallel + " partitions at a time and verifies " + parallel + " at a time";
            throw new IllegalArgumentException("Job " + jobId + " copies " + why + ", which takes " + needed + " connections to cluster '" + cluster
                    + "', but it has poolSize " + poolSize + ": set dolphindb.clusters." + cluster + ".poolSize to at least " + needed
                    + " (or lower parallel)");
        }
    }

    /**
     * Body: the source's TableSchema. Turns the window into a condition on the window column (by
     * default the first partitioning column) and sets it as the CamelDolphinDBWhere header of the
     * planning calls; the window "all" needs none.
     */
    public void resolveWindow(Exchange exchange) throws InvalidPayloadException {
        OnlineRun run = run(exchange);
        SyncTable t = run.table();
        TableSchema schema = exchange.getMessage().getMandatoryBody(TableSchema.class);
        if (!schema.isPartitioned()) {
            throw new IllegalArgumentException(t.sourceKey() + " is not partitioned: online sync copies partitioned (DFS) tables");
        }
        String windowColumn = t.windowColumn().isEmpty() ? this.windowColumn : t.windowColumn();
        String column = windowColumn == null || windowColumn.isBlank() ? schema.partitionColumns().get(0) : Names.column(windowColumn.trim());
        TableSchema.Column c = schema.column(column);
        if (c == null) throw new IllegalArgumentException("Window column '" + column + "' is not a column of " + t.sourceKey());
        List<String> kept = Names.columns(run.getColumns());
        if (!kept.isEmpty() && kept.stream().noneMatch(k -> k.equalsIgnoreCase(c.name()))) {
            throw new IllegalArgumentException("The window column '" + c.name() + "' must be one of the columns " + kept + ": the target is read by it too");
        }
        // before anything is written: the plan or the verification would need server-side checksums of every column
        if (incremental) {
            PartitionChecksum.requireCheckable(schema, kept, "an incremental online sync",
                    "run this job without incremental (every partition copied and verified by read-back), or leave the column out (columns)");
        } else if (verify && CHECKSUM.equals(verifyBy)) {
            PartitionChecksum.requireCheckable(schema, kept, "verifyBy=checksum",
                    "verify by read-back (verifyBy=readback, the default), which covers every type, or leave the column out (columns)");
        }
        String where = WINDOWS.where(exchange, schema, c.name());
        run.setWhere(where);
        if (where == null) exchange.getMessage().removeHeader(DolphinDBConstants.WHERE);
        else exchange.getMessage().setHeader(DolphinDBConstants.WHERE, where);
        run.setSourceSchema(schema, c.name());
        run.getReport().fact("window", run.getWindow() + (where == null ? "" : " on " + c.name()));
        chooseBlockForms(exchange, run, schema.withColumns(kept));
    }

    /**
     * Blocks are read in wire form (forwarded to the target as the bytes they came in, digested
     * from those bytes) when every column copied is of a type that form carries and the cluster is
     * reached without TLS; the source's only when the target takes them as they are (no TLS, no
     * compressed tables), as a block the target cannot take would be decoded anyway. Otherwise the
     * Java API decodes them. Either way the digest is the same. With blocks=api the Java API reads
     * and writes every block: the way out should a server's replies be something the component's
     * own reader does not take.
     */
    private void chooseBlockForms(Exchange exchange, OnlineRun run, TableSchema copied) {
        if (API.equals(blocks)) {
            run.setBlockForms(DolphinDBOutputType.streamList, DolphinDBOutputType.streamList);
            run.getReport().fact("blocks", "source " + describe(DolphinDBOutputType.streamList) + ", read-back "
                    + describe(DolphinDBOutputType.streamList) + " (blocks=api)");
            return;
        }
        List<String> notCarried = copied.columns().stream()
                .filter(col -> col.typeInt() >= 64 || !WireTable.carries(col.dataType())).map(col -> col.name() + " " + col.typeString()).toList();
        DolphinDBComponent component = exchange.getContext().getComponent("dolphindb", DolphinDBComponent.class);
        boolean sourceTls = component.resolveCluster(sourceCluster).isSsl();
        boolean targetTls = component.resolveCluster(targetCluster).isSsl();
        boolean targetCompress = component.resolveCluster(targetCluster).isCompress();
        boolean carried = notCarried.isEmpty();
        DolphinDBOutputType source = carried && !sourceTls && !targetTls && !targetCompress ? DolphinDBOutputType.wireBlocks : DolphinDBOutputType.streamList;
        DolphinDBOutputType target = carried && !targetTls ? DolphinDBOutputType.wireBlocks : DolphinDBOutputType.streamList;
        run.setBlockForms(source, target);
        String why = !carried ? " (columns " + notCarried + ")"
                : java.util.stream.Stream.of(sourceTls ? "source over TLS" : null, targetTls ? "target over TLS" : null,
                        targetCompress ? "the target takes compressed tables" : null).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.joining(", ", " (", ")"));
        run.getReport().fact("blocks", source == DolphinDBOutputType.wireBlocks && target == DolphinDBOutputType.wireBlocks
                ? "read in wire form and forwarded as they came"
                : "source " + describe(source) + ", read-back " + describe(target) + why);
    }

    private static String describe(DolphinDBOutputType form) {
        return form == DolphinDBOutputType.wireBlocks ? "in wire form" : "decoded by the Java API";
    }

    /** After ensureTable: what it did to the target table (created, addedPartitions, unchanged). */
    public void targetEnsured(Exchange exchange) {
        String action = exchange.getMessage().getHeader(DolphinDBConstants.TABLE_ACTION, String.class);
        run(exchange).setTargetStatus(action);
        run(exchange).getReport().fact("target table", action);
    }

    /**
     * Dry run, body: the target's TableSchema, or false (from exists) when the target table does not exist. Checks
     * what ensureTable would check, without writing: a mismatch stops the run with the same diff.
     */
    public void checkTarget(Exchange exchange) {
        OnlineRun run = run(exchange);
        TableSchema actual = exchange.getMessage().getBody(TableSchema.class);
        String status;
        if (actual == null) {
            status = "would be created";
        } else {
            SyncTable t = run.table();
            TableSchema expected = run.getSourceSchema().renamed(t.targetDatabase(), t.targetTable()).withColumns(Names.columns(run.getColumns()));
            SchemaDiff diff = SchemaDiff.compare(expected, actual);
            if (!diff.isCompatible()) {
                throw new IllegalArgumentException("Table " + t.targetKey() + " exists but differs from the source " + t.sourceKey() + ":\n" + diff);
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
        List<PartitionTask> tasks = PlanBuilder.tasks(source, target, incremental, rowBytes(run));
        int remembered = remembered(source) + remembered(target);
        int scanned = stats(source) + stats(target) - remembered;
        OnlinePlan plan = new OnlinePlan(jobId, run.getWindow().toString(), run.table().targetKey() + " " + run.getTargetStatus(),
                tasks, scanned, remembered);
        // the report reads the partitions' results from the run's records (those left alone as the plan compared them)
        run.setPlan(plan);
        // the listings are the plan's now: kept, they would hold an object a partition beside it through the copy (the last table's)
        exchange.removeProperty(SyncProperties.SOURCE_LISTING);
        exchange.removeProperty(SyncProperties.TARGET_LISTING);
        exchange.getMessage().setBody(plan);
    }

    /**
     * Before the listings at the end of a round: the planning calls' window condition, for every
     * partition (not one).
     */
    public void listVersions(Exchange exchange) {
        String where = run(exchange).getWhere();
        if (where == null) exchange.getMessage().removeHeader(DolphinDBConstants.WHERE);
        else exchange.getMessage().setHeader(DolphinDBConstants.WHERE, where);
        exchange.getMessage().removeHeader(DolphinDBConstants.PARTITION);
        // the schemas read again: a VALUE partition added on the source during the round is in its scheme now
        exchange.setProperty(DolphinDBExchangeProperties.SCHEMA_CACHE, new java.util.concurrent.ConcurrentHashMap<String, TableSchema>());
    }

    /**
     * After a round of partitions, with both sides' partitions listings (properties
     * DdbSyncSourceListing and DdbSyncTargetListing): does what the round proved still hold? A
     * target partition written after it verified ends the rounds (the run fails, {@link #copied}).
     * Source partitions written during the run are copied again in a catch-up round, while there
     * are rounds left (catchUpRounds); after the last, they go into the report, and the run ends
     * SOURCE_CHANGED. A round with failed partitions, or a run that does not verify, ends the rounds.
     */
    public void roundEnded(Exchange exchange) {
        OnlineRun run = run(exchange);
        if (!verify || !run.failures().isEmpty()) {
            run.endRounds();
            return;
        }
        List<?> source = exchange.getProperty(SyncProperties.SOURCE_LISTING, List.class);
        List<?> target = exchange.getProperty(SyncProperties.TARGET_LISTING, List.class);
        ProvenVersions.Drift drift = ProvenVersions.check(run.records(), source, target);
        if (!drift.targetWritten().isEmpty()) {
            run.targetWritten(drift.targetWritten());
            run.endRounds();
            return;
        }
        Set<String> written = drift.sourceWritten().keySet();
        if (written.isEmpty()) {
            run.endRounds();
        } else if (run.round() < catchUpRounds) {
            run.catchUp(written, PlanBuilder.tasks(only(source, written), only(target, written), false, rowBytes(run)));
            PROGRESS.info("[{}] catch-up round {} of {}: {} partitions written on the source during the run, copied again: {}", jobId, run.round(),
                    catchUpRounds, written.size(), String.join(", ", written));
        } else {
            drift.sourceWritten().forEach(run.getReport()::sourceWritten);
            PROGRESS.warn("[{}] {} partitions were written on the source during the run{}: the target holds them as they were before: {}", jobId,
                    written.size(), catchUpRounds == 0 ? "" : " and again during " + catchUpRounds + " catch-up round" + (catchUpRounds == 1 ? "" : "s"),
                    String.join(", ", written));
            run.endRounds();
        }
    }

    /** The entries of a partitions listing for these paths. */
    private static List<?> only(List<?> listing, Set<String> paths) {
        return listing == null ? List.of() : listing.stream().filter(o -> o instanceof Partition p && paths.contains(p.path())).toList();
    }

    /** Estimated bytes of one row copied, for a plan's size. */
    private long rowBytes(OnlineRun run) {
        return DataSize.rowBytes(run.getSourceSchema().withColumns(Names.columns(run.getColumns())));
    }

    /**
     * After the rounds. Partitions that failed, or target partitions written after they verified,
     * fail the run naming them; the ledger keeps its keys, so a re-run redoes only the partitions
     * not verified, or written since. Otherwise the table is done; its keys leave the ledger when
     * every table of the job is ({@link #tablesDone}).
     */
    public void copied(Exchange exchange) {
        OnlineRun run = run(exchange);
        RunReport report = run.getReport();
        report.transferred(run.bytes(), run.copyMillis());
        List<String> failures = run.failures();
        if (!failures.isEmpty() && run.getDeadline().passed()) {
            report.stage("copy", run.copyMillis(), run.getCopySummary());
            throw new SyncVerificationException(run.getDeadline().passedError().getMessage() + " (" + failures.size() + " of "
                    + run.plannedToCopy() + " partitions not verified: " + String.join("; ", failures) + ")");
        }
        if (!failures.isEmpty()) {
            report.stage("copy", run.copyMillis(), run.getCopySummary());
            throw new SyncVerificationException(failures.size() + " of " + run.partitionsToCopy()
                    + " partitions failed (a re-run redoes only the partitions not verified): " + String.join("; ", failures));
        }
        List<String> targetWritten = run.targetWritten();
        if (!targetWritten.isEmpty()) {
            report.stage("copy", run.copyMillis(), run.getCopySummary());
            throw new SyncVerificationException(targetWritten.size() + " partitions of " + targetCluster + " " + run.table().targetKey()
                    + " were written after this run verified them: something else writes into the target, and they may no longer equal the source: "
                    + String.join("; ", targetWritten));
        }
        // the keys leave the ledger when every table of the job is done (tablesDone): a run stopped before then
        // resumes with this one's partitions skipped
        jobRun(exchange).tableCopied(run);
        stageEnded(exchange, "copy", run.copyMillis(), run.getCopySummary());
    }

    /**
     * Every table verified: the run's keys leave the ledger, so the next run of the same window
     * copies again instead of skipping. The default ledger removes every key of the job and table in
     * one write, those this run used and those an interrupted run left for partitions written since
     * (copied again, so never used); another repository cannot list its keys: the run's own go one
     * by one, and the others stay (they never match again).
     */
    private static void forgetVerified(List<OnlineRun> runs) {
        for (OnlineRun run : runs) {
            if (run.ledger() instanceof LedgerFileRepository file) file.removeStartingWith(run.ledgerPrefix());
            else for (String key : run.ledgerKeys()) run.ledger().remove(key);
        }
    }

    /** A dry run ends after the plan: nothing was written. */
    public void dryRunDone(Exchange exchange) {
        OnlineRun run = run(exchange);
        run.getReport().fact("dry run", "nothing written; " + run.getPlan().summary());
    }

    static OnlineRun run(Exchange exchange) {
        OnlineRun run = exchange.getProperty(SyncProperties.ONLINE_RUN, OnlineRun.class);
        if (run == null) throw new IllegalStateException("No online run on this exchange: the route must call begin first");
        return run;
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

    public String getTables() {
        return tables;
    }

    /** {@code *} (every table), or a comma list of names and patterns ({@link TableSelection}). */
    public void setTables(String tables) {
        this.tables = tables;
    }

    public String getKnownTables() {
        return knownTables;
    }

    /** The StateRepository bean that keeps which tables each run synced, so the next reports those dropped; empty: none. */
    public void setKnownTables(String knownTables) {
        this.knownTables = knownTables;
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

    public boolean isVerify() {
        return verify;
    }

    public void setVerify(boolean verify) {
        this.verify = verify;
    }

    public String getVerifyBy() {
        return verifyBy;
    }

    /** readback (the default) or checksum; anything else stops the job from starting, naming the choices. */
    public void setVerifyBy(String verifyBy) {
        String v = verifyBy == null ? "" : verifyBy.trim();
        if (!v.equals(READBACK) && !v.equals(CHECKSUM)) {
            throw new IllegalArgumentException("verifyBy must be '" + READBACK + "' or '" + CHECKSUM + "', not '" + verifyBy + "'");
        }
        this.verifyBy = v;
    }

    /** Whether partitions are verified by reading them back (so the blocks copied are digested as they go). */
    boolean readsBack() {
        return verify && READBACK.equals(verifyBy);
    }

    public String getBlocks() {
        return blocks;
    }

    /** auto (the default) or api; anything else stops the job from starting, naming the choices. */
    public void setBlocks(String blocks) {
        String b = blocks == null ? "" : blocks.trim();
        if (!b.equals(AUTO) && !b.equals(API)) {
            throw new IllegalArgumentException("Job " + jobId + ": blocks must be '" + AUTO + "' or '" + API + "', not '" + blocks + "'");
        }
        this.blocks = b;
    }

    public String getDeadline() {
        return deadline;
    }

    /**
     * The longest a run may take, as Camel writes durations ("45m", "2h30m", "90s", or milliseconds);
     * empty or 0: none. A bad value stops the job from starting, naming it.
     */
    public void setDeadline(String deadline) {
        String d = deadline == null ? "" : deadline.trim();
        try {
            this.deadlineMillis = d.isEmpty() ? 0 : org.apache.camel.util.TimeUtils.toMilliSeconds(d);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Job " + jobId + ": deadline must be a duration such as 45m, 2h30m or 90s, not '" + deadline + "'", e);
        }
        if (deadlineMillis < 0) throw new IllegalArgumentException("Job " + jobId + ": deadline must not be negative, not '" + deadline + "'");
        this.deadline = d;
    }

    public String getLedger() {
        return ledger;
    }

    public int getCatchUpRounds() {
        return catchUpRounds;
    }

    /** Rounds that copy again the partitions written on the source during the run (0: none, they are only reported). */
    public void setCatchUpRounds(int catchUpRounds) {
        if (catchUpRounds < 0) throw new IllegalArgumentException("catchUpRounds must be 0 or more, not " + catchUpRounds);
        this.catchUpRounds = catchUpRounds;
    }

    public void setLedger(String ledger) {
        this.ledger = ledger;
    }

    /** How many entries of a listing are partition stats (an incremental plan's listings). */
    private static int stats(List<?> listing) {
        return listing == null ? 0 : (int) listing.stream().filter(PartitionStats.class::isInstance).count();
    }

    /** How many of them the stats cache gave (the partition unchanged since it was scanned). */
    private static int remembered(List<?> listing) {
        return listing == null ? 0 : (int) listing.stream().filter(o -> o instanceof PartitionStats s && s.remembered()).count();
    }
}
