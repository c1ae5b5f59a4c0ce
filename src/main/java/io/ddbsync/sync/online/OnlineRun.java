package io.ddbsync.sync.online;

import io.ddbsync.camel.DolphinDBOutputType;
import io.ddbsync.sync.RunReport;
import io.ddbsync.sync.SyncWindow;
import io.ddbsync.sync.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one online run, kept in the exchange property DdbSyncOnlineRun: the window resolved
 * once at the start, the source schema, the plan, and what the partitions did (bytes, failures).
 * Partitions run on several threads, so the counters are atomic.
 */
public final class OnlineRun {
    private final String jobId;
    /** The target table, database/table. */
    private final String target;
    private final RunReport report;
    private final SyncWindow window;
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger unverified = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private volatile TableSchema sourceSchema;
    private volatile String windowColumn;
    private volatile String targetStatus = "not checked";
    private volatile OnlinePlan plan;
    private volatile long copyStartNanos;
    private final boolean readsBack;
    private volatile DolphinDBOutputType sourceBlocks = DolphinDBOutputType.streamList;
    private volatile DolphinDBOutputType targetBlocks = DolphinDBOutputType.streamList;
    private final RunDeadline deadline;

    /** @param readsBack partitions are verified by reading them back, so the blocks copied are digested as they go */
    OnlineRun(String jobId, String target, RunReport report, SyncWindow window, boolean readsBack, RunDeadline deadline) {
        this.deadline = deadline;
        this.jobId = jobId;
        this.target = target;
        this.report = report;
        this.window = window;
        this.readsBack = readsBack;
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

    public OnlinePlan getPlan() {
        return plan;
    }

    void setPlan(OnlinePlan plan) {
        this.plan = plan;
        this.copyStartNanos = System.nanoTime();
    }

    String getTargetStatus() {
        return targetStatus;
    }

    void setTargetStatus(String status) {
        this.targetStatus = status;
    }

    /**
     * The ledger key of a partition in this run: job, target table, resolved window and partition
     * path. The resolved window (not "today") keeps a resume on the next day from skipping the new
     * day's data; the target table keeps a job pointed at another target from skipping partitions
     * it copied to the old one.
     */
    String ledgerKey(String path) {
        return jobId + "|" + target + "|" + window.key() + "|" + path;
    }

    /** Counts a partition that ended (copied, resumed or failed); returns how many have. */
    int partitionEnded(long partitionRows, long partitionBytes) {
        rows.addAndGet(partitionRows);
        bytes.addAndGet(partitionBytes);
        return finished.incrementAndGet();
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
        return String.format(java.util.Locale.ROOT, "%d of %d partitions verified%s, %,d rows, %.1f MB", finished.get() - failures.size() - notVerified,
                plan == null ? 0 : plan.getToCopy().size(), notVerified == 0 ? "" : ", " + notVerified + " copied without verification",
                rows.get(), bytes.get() / 1e6);
    }

    long copyMillis() {
        return copyStartNanos == 0 ? 0 : (System.nanoTime() - copyStartNanos) / 1_000_000;
    }
}
