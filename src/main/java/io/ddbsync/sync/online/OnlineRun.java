package io.ddbsync.sync.online;

import io.ddbsync.camel.DolphinDBOutputType;
import io.ddbsync.camel.TableSchema;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncTable;
import io.ddbsync.sync.run.SyncWindow;
import io.ddbsync.sync.state.LedgerFileRepository;
import org.apache.camel.spi.IdempotentRepository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one online run of one table (a job of several tables has one per table, their
 * partitions copied through the job's one pool, {@link OnlineJobRun}), kept in the exchange property
 * DdbSyncOnlineRun (on each partition's exchange, its table's): the table, the window resolved
 * once at the start, the source schema, the plan, the partitions of the round being copied (the
 * plan's, then those a catch-up round copies again), what the partitions did (bytes, failures), and
 * each partition's record of what it did ({@link PartitionRecords}). Partitions run on several
 * threads, so the counters are atomic.
 */
public final class OnlineRun {
    private final OnlineJob job;
    private final OnlineJobRun jobRun;
    private final String jobId;
    private final SyncTable table;
    /** The target table, database/table. */
    private final String target;
    private final RunReport report;
    private final SyncWindow window;
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger unverified = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    /**
     * The ledger keys this run recorded or skipped by, for a ledger other than the default: they leave it one by one when the
     * run ends without failed partitions. The default ledger removes a job's keys by their prefix, so none is kept for it
     * (20,000 partitions, 20,000 keys of ~150 characters held to the run's end).
     */
    private final Queue<String> ledgerKeys = new ConcurrentLinkedQueue<>();
    /** Each partition: its plan entry until it ends, then its record (its result and the versions it was proven equal at). */
    private volatile PartitionRecords records = new PartitionRecords(List.of());
    private final IdempotentRepository ledger;
    /** Partitions the run copies in all its rounds, for the progress lines' [n/total]. */
    private final AtomicInteger toCopy = new AtomicInteger();
    private final AtomicInteger caughtUp = new AtomicInteger();
    /** The current round's partitions, largest first; the pool's round lets go of each as the split takes it ({@link PoolRound}). */
    private volatile PartitionTask[] roundToCopy;
    /** Partitions the plan had to copy (the plan itself is let go once the copy starts). */
    private volatile int plannedToCopy;
    private volatile int round;
    private volatile List<String> targetWritten = List.of();
    private volatile String where;
    private volatile TableSchema sourceSchema;
    private volatile String windowColumn;
    private volatile String targetStatus = "not checked";
    private volatile OnlinePlan plan;
    private volatile long copyStartNanos;
    /** When its last partition ended so far: the table's copy time, in a pool shared with other tables. */
    private volatile long lastEndNanos;
    private volatile boolean failed;
    private final boolean readsBack;
    private volatile DolphinDBOutputType sourceBlocks = DolphinDBOutputType.streamList;
    private volatile DolphinDBOutputType targetBlocks = DolphinDBOutputType.streamList;
    private final RunDeadline deadline;
    private final PartitionSlots slots;

    /**
     * @param job    the job's settings
     * @param jobRun the run of the job this table is part of: its report, window, ledger, deadline, shared by its tables
     * @param table  the table this run syncs
     * @param slots  the job's partition slots
     */
    OnlineRun(OnlineJob job, OnlineJobRun jobRun, SyncTable table, PartitionSlots slots) {
        this.job = job;
        this.jobRun = jobRun;
        this.jobId = job.getJobId();
        this.table = table;
        this.target = table.targetKey();
        // where its partitions go: the run's report, or for a job of several tables the table's own
        this.report = jobRun.reportOf(table);
        this.window = jobRun.window();
        this.readsBack = job.readsBack();
        this.ledger = jobRun.ledger();
        this.deadline = jobRun.deadline();
        this.slots = slots;
    }

    /** The job's settings (the partition route reads them as plain properties, PartitionSteps.start). */
    public OnlineJob getJob() {
        return job;
    }

    /** The table this run syncs. */
    public SyncTable table() {
        return table;
    }

    /** What a partition's progress line starts with: nothing in a job of one table, else the table's name and a space. */
    public String getLinePrefix() {
        return jobRun.isOneTable() ? "" : table + " ";
    }

    /** The table failed (its report says why): it leaves the pool's rounds and its keys stay in the ledger. */
    void failed() {
        failed = true;
        endRounds();
    }

    boolean hasFailed() {
        return failed;
    }

    // the table's names, for the routes' endpoints (${exchangeProperty.DdbSyncOnlineRun.sourceDatabase}; the partition
    // route's: ${exchangeProperty.DdbSyncPartitionSourceDatabase}, PartitionSteps.start)

    public String getSourceDatabase() {
        return table.sourceDatabase();
    }

    public String getSourceTable() {
        return table.table();
    }

    public String getTargetDatabase() {
        return table.targetDatabase();
    }

    public String getTargetTable() {
        return table.targetTable();
    }

    /** The columns the target keeps: the table's own setting, else the job's ("" = all). */
    public String getColumns() {
        if (!table.columns().isEmpty()) return table.columns();
        return job.getColumns() == null ? "" : job.getColumns();
    }

    /** Whether partitions are verified by reading them back from the target (verifyBy=readback). */
    public boolean isReadingBack() {
        return readsBack;
    }

    PartitionSlots slots() {
        return slots;
    }

    boolean readsBack() {
        return readsBack;
    }

    /** The run's overall deadline, counted from its start (none unless the job sets one). */
    RunDeadline getDeadline() {
        return deadline;
    }

    public RunReport getReport() {
        return report;
    }

    public SyncWindow getWindow() {
        return window;
    }

    /** The source table's schema (all its columns), read at the start of the run. */
    public TableSchema getSourceSchema() {
        return sourceSchema;
    }

    void setSourceSchema(TableSchema schema, String windowColumn) {
        this.sourceSchema = schema;
        this.windowColumn = windowColumn;
    }

    /** How the source's blocks are read: in wire form, or decoded by the API (OnlineJob.chooseBlockForms). */
    public DolphinDBOutputType getSourceBlocks() {
        return sourceBlocks;
    }

    /** How the target's blocks are read back. */
    public DolphinDBOutputType getTargetBlocks() {
        return targetBlocks;
    }

    void setBlockForms(DolphinDBOutputType source, DolphinDBOutputType target) {
        this.sourceBlocks = source;
        this.targetBlocks = target;
    }

    public String getWindowColumn() {
        return windowColumn;
    }

    /** The plan, from the plan stage until the copy starts (a dry run's to its end); null after. */
    public OnlinePlan getPlan() {
        return plan;
    }

    /**
     * The plan: its partitions to copy are the first round's; those it leaves alone were proven
     * equal at the versions it saw. Its partitions go into the records, where the report reads their results.
     */
    void setPlan(OnlinePlan plan) {
        this.plan = plan;
        this.records = new PartitionRecords(plan.tasks());
        this.roundToCopy = largestFirst(plan.toCopy());
        this.plannedToCopy = roundToCopy.length;
        this.toCopy.set(roundToCopy.length);
        report.partitions(records);
    }

    /**
     * The job's pool starts copying (every table was planned by then): the table's copy time counts
     * from here, and the plan is let go: its partitions are in the records, each until it ends.
     */
    void copyStarted(long nanos) {
        this.copyStartNanos = nanos;
        this.plan = null;
    }

    /** The partitions the current round copies; null once the rounds are over (the copy stage's loop ends). */
    PartitionTask[] getRoundToCopy() {
        return roundToCopy;
    }

    /** A partition ended: its record takes the place of its plan entry. */
    void ended(PartitionTask task, PartitionRecord record) {
        records.ended(task, record);
    }

    /** Catch-up rounds run so far. */
    int round() {
        return round;
    }

    /**
     * The next round copies these partitions again: the source was written to them during the run.
     * Each gets a record of its own, unproven until it verifies again.
     */
    void catchUp(Collection<String> paths, List<PartitionTask> tasks) {
        // a partition that no side has rows in any more needs no copy: both sides are empty, equal
        for (String path : paths) {
            PartitionRecord earlier = records.latest(path);
            if (earlier != null && tasks.stream().noneMatch(t -> t.path().equals(path))) earlier.provenAbsent();
        }
        for (PartitionTask t : tasks) records.again(t);
        round++;
        toCopy.addAndGet(tasks.size());
        caughtUp.addAndGet(tasks.size());
        roundToCopy = largestFirst(tasks);
    }

    /**
     * A round's partitions, the largest (estimated bytes) first, those of a size in path order: the
     * slots are fair, so partitions start in this order, and a big partition started last would
     * drag out the end of the round while the other slots sit idle.
     */
    static PartitionTask[] largestFirst(List<PartitionTask> tasks) {
        return tasks.stream().sorted(Comparator.comparingLong(PartitionTask::estimatedBytes).reversed()).toArray(PartitionTask[]::new);
    }

    /** No further round: the copy stage's loop ends. */
    void endRounds() {
        roundToCopy = null;
    }

    /** Each partition's record: the versions it was proven equal at, for the check at the end of each round ({@link ProvenVersions}). */
    PartitionRecords records() {
        return records;
    }

    /** Partitions of the target written after this run verified them (by something else): the run fails naming them. */
    List<String> targetWritten() {
        return targetWritten;
    }

    void targetWritten(List<String> partitions) {
        this.targetWritten = List.copyOf(partitions);
    }

    /** The window's condition on the window column (the planning calls' where); null for the window all. */
    String getWhere() {
        return where;
    }

    void setWhere(String where) {
        this.where = where;
    }

    IdempotentRepository ledger() {
        return ledger;
    }

    /** A ledger key this run recorded, or skipped a partition by. */
    void ledgerKeyUsed(String key) {
        if (!(ledger instanceof LedgerFileRepository)) ledgerKeys.add(key);
    }

    List<String> ledgerKeys() {
        return new ArrayList<>(ledgerKeys);
    }

    /** What every ledger key of this job and target starts with. */
    String ledgerPrefix() {
        return jobId + "|" + target + "|";
    }

    /** Whether no partition has failed so far (then the end of a round checks the versions). */
    public boolean isAllCopied() {
        return failures.isEmpty();
    }

    /** Partitions the plan had to copy. */
    int plannedToCopy() {
        return plannedToCopy;
    }

    /** Partitions the run copies in all its rounds. */
    int partitionsToCopy() {
        return toCopy.get();
    }

    String getTargetStatus() {
        return targetStatus;
    }

    void setTargetStatus(String status) {
        this.targetStatus = status;
    }

    /**
     * The ledger key of a partition proven equal with the source at one version and the target at
     * another: job, target table, resolved window, partition path and both versions. A later run
     * finds the key only while both sides are still at those versions, so a partition written on
     * either side since is copied again. The resolved window (not "today") keeps a resume on the
     * next day from skipping the new day's data; the target table keeps a job pointed at another
     * target from skipping partitions it copied to the old one. Null when a version is unknown: such
     * a partition is never skipped.
     */
    String ledgerKey(String path, String sourceVersion, String targetVersion) {
        if (sourceVersion == null || targetVersion == null) return null;
        return ledgerPrefix() + window.key() + "|" + path + "|" + sourceVersion + "|" + targetVersion;
    }

    /**
     * Counts a partition that ended (copied, resumed or failed); returns where it stands, for its
     * progress line: {@code [n/total]} in the table, and in a job of several tables in the job too.
     */
    String partitionEnded(long partitionRows, long partitionBytes) {
        rows.addAndGet(partitionRows);
        bytes.addAndGet(partitionBytes);
        lastEndNanos = System.nanoTime();
        return jobRun.position(finished.incrementAndGet(), toCopy.get());
    }

    /** A partition copied without verification (verify=false). */
    void partitionUnverified() {
        unverified.incrementAndGet();
    }

    void partitionFailed(String path, String message) {
        failures.add(path + ": " + message);
    }

    List<String> failures() {
        return new ArrayList<>(failures);
    }

    long bytes() {
        return bytes.get();
    }

    long rows() {
        return rows.get();
    }

    /** The copy stage in one line, for the report. */
    public String getCopySummary() {
        int notVerified = unverified.get();
        int again = caughtUp.get();
        return String.format(java.util.Locale.ROOT, "%d of %d partitions verified%s%s, %,d rows, %.1f MB", finished.get() - failures.size() - notVerified,
                toCopy.get(), notVerified == 0 ? "" : ", " + notVerified + " copied without verification",
                again == 0 ? "" : ", " + again + " of them copied again in " + round + " catch-up round" + (round == 1 ? "" : "s")
                        + " (written on the source during the run)",
                rows.get(), bytes.get() / 1e6);
    }

    /**
     * The table's copy time: from the start of the job's pool to its last partition's end (the
     * pool copies the other tables' partitions meanwhile); 0 while none has ended.
     */
    long copyMillis() {
        long start = copyStartNanos;
        long end = lastEndNanos;
        return start == 0 || end < start ? 0 : (end - start) / 1_000_000;
    }
}
