package io.ddbsync.sync.online;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncTable;
import io.ddbsync.sync.run.SyncWindow;
import org.apache.camel.spi.IdempotentRepository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of an online job across its tables, kept in the exchange property DdbSyncOnlineJobRun:
 * the tables it syncs (resolved once, at the start), what they share (the window, the ledger, the
 * deadline, the partition slots) and which tables failed. Each table's own state is an
 * {@link OnlineRun}, made when the table is planned. Every table is planned first; then the
 * partitions of all of them go through the job's one pool, round by round ({@link #nextRound}):
 * the plans' partitions, then those each table's catch-up round copies again.
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
    private final List<OnlineRun> copiedTables = new ArrayList<>();
    /** Each table's run once planned, by the table's index; null for a table not planned (failed, or not reached). */
    private final OnlineRun[] runs;
    /** Partitions of every table the pool copies, in all rounds, and those that ended: the job's share of progress lines. */
    private final AtomicInteger partitionsToCopy = new AtomicInteger();
    private final AtomicInteger partitionsEnded = new AtomicInteger();
    private volatile PoolRound roundToCopy;

    OnlineJobRun(RunReport report, SyncWindow window, IdempotentRepository ledger, RunDeadline deadline, List<SyncTable> tables,
                 boolean oneTable) {
        this.report = report;
        this.window = window;
        this.ledger = ledger;
        this.deadline = deadline;
        this.tables = List.copyOf(tables);
        this.oneTable = oneTable;
        this.runs = new OnlineRun[tables.size()];
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

    /** The table of this index is planned: its partitions join the pool's rounds. */
    void planned(int index, OnlineRun run) {
        runs[index] = run;
    }

    /** The run of the table of this index, null when it was not planned or it failed. */
    OnlineRun run(int index) {
        OnlineRun run = runs[index];
        return run == null || run.hasFailed() ? null : run;
    }

    /**
     * The next round of the pool: every table still in rounds (its plan's partitions, then its
     * catch-up rounds') in one round, the largest (estimated bytes) first across tables; in a size,
     * in table order, then path order ({@link PoolRound}). Null once no table has a round left: the
     * copy stage ends.
     */
    void nextRound() {
        List<OnlineRun> inRound = new ArrayList<>();
        List<PartitionTask[]> tasks = new ArrayList<>();
        for (int i = 0; i < runs.length; i++) {
            OnlineRun run = run(i);
            PartitionTask[] round = run == null ? null : run.getRoundToCopy();
            if (round == null) continue;
            inRound.add(run);
            tasks.add(round);
        }
        // the slots are fair, so partitions start in the round's order, and a big one started last would drag out the end of
        // the run while the other slots sit idle
        PoolRound round = inRound.isEmpty() ? null : new PoolRound(inRound, tasks);
        if (round != null) partitionsToCopy.addAndGet(round.size());
        roundToCopy = round;
    }

    /** The partitions of the pool's current round, every table's; null once the rounds are over. */
    public PoolRound getRoundToCopy() {
        return roundToCopy;
    }

    /** The tables planned and not failed, in table order. */
    List<OnlineRun> runs() {
        List<OnlineRun> out = new ArrayList<>();
        for (int i = 0; i < runs.length; i++) out.add(run(i));
        return out.stream().filter(Objects::nonNull).toList();
    }

    /**
     * A partition of some table ended: where it stands in its table ({@code [3/400]}) and, in a job
     * of several tables, in the job's pool too ({@code [3/400; job 1,203/4,000]}).
     */
    String position(int endedInTable, int inTable) {
        int ended = partitionsEnded.incrementAndGet();
        if (oneTable) return "[" + endedInTable + "/" + inTable + "]";
        return "[" + endedInTable + "/" + inTable + "; job " + LineNumbers.grouped(ended) + "/" + LineNumbers.grouped(partitionsToCopy.get()) + "]";
    }

    /** The job's copy stage in one line: partitions ended and those copied in all rounds, tables, rows, MB. */
    String copySummary(int parallel) {
        List<OnlineRun> planned = runs();
        long rows = planned.stream().mapToLong(OnlineRun::rows).sum();
        long bytes = planned.stream().mapToLong(OnlineRun::bytes).sum();
        return String.format(Locale.ROOT, "%,d of %,d partitions of %d tables ended, through one pool of %d at a time, the largest first, %,d rows, %.1f MB",
                partitionsEnded.get(), partitionsToCopy.get(), planned.size(), parallel, rows, bytes / 1e6);
    }

    RunReport report() {
        return report;
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
