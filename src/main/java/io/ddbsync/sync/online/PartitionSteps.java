package io.ddbsync.sync.online;

import com.xxdb.data.BasicTable;
import io.ddbsync.camel.DolphinDBConstants;
import io.ddbsync.camel.HeapShortage;
import io.ddbsync.camel.Partition;
import io.ddbsync.camel.PartitionStats;
import io.ddbsync.camel.wire.WireTable;
import io.ddbsync.sync.run.SyncProperties;
import io.ddbsync.sync.run.SyncRuns;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The per-partition steps the online-sync template calls inside its split: start a partition's
 * progress, count (and digest) each block appended, verify the partition, and record a partition
 * the ledger skipped or one that failed. Stateless: a partition's state is its DdbSyncProgress property.
 */
public class PartitionSteps {

    /**
     * Body: the {@link JobPartition}, from the job's pool. Its table's run goes on the partition's
     * exchange (DdbSyncOnlineRun), its progress too (DdbSyncProgress); the body becomes its {@link PartitionTask}.
     */
    public void start(Exchange exchange) throws InvalidPayloadException {
        JobPartition partition = exchange.getMessage().getMandatoryBody(JobPartition.class);
        OnlineRun run = partition.run();
        exchange.setProperty(SyncProperties.ONLINE_RUN, run);
        exchange.setProperty(SyncProperties.PROGRESS, new PartitionProgress(partition.task(), run.readsBack()));
        putRouteSettings(exchange, run, partition.task());
        exchange.getMessage().setBody(partition.task());
    }

    /**
     * What the partition route's endpoints and choices read, each as a plain exchange property
     * (DdbSyncPartition*): a simple expression reading a property is a map lookup, while one
     * reading a getter ({@code ${exchangeProperty.DdbSyncOnlineRun.job.targetCluster}}) is an OGNL
     * call that copies the exchange each time (Camel's BeanExpression). About 30 of those a
     * partition were a sixth of the runner's CPU at 2,000 partitions (JFR, ManyPartitionsBenchmark).
     */
    private static void putRouteSettings(Exchange exchange, OnlineRun run, PartitionTask task) {
        OnlineJob job = run.getJob();
        exchange.setProperty(SOURCE_CLUSTER, job.getSourceCluster());
        exchange.setProperty(TARGET_CLUSTER, job.getTargetCluster());
        exchange.setProperty(SOURCE_DATABASE, run.getSourceDatabase());
        exchange.setProperty(SOURCE_TABLE, run.getSourceTable());
        exchange.setProperty(TARGET_DATABASE, run.getTargetDatabase());
        exchange.setProperty(TARGET_TABLE, run.getTargetTable());
        exchange.setProperty(COLUMNS, run.getColumns());
        exchange.setProperty(FETCH_SIZE, job.getFetchSize());
        exchange.setProperty(SOURCE_BLOCKS, run.getSourceBlocks());
        exchange.setProperty(TARGET_BLOCKS, run.getTargetBlocks());
        exchange.setProperty(PATH, task.path());
        exchange.setProperty(FILTER, task.filter());
        exchange.setProperty(COPY, task.isCopy());
        exchange.setProperty(READING_BACK, run.isReadingBack());
        exchange.setProperty(VERIFY, job.isVerify());
        exchange.setProperty(INCREMENTAL, job.isIncremental());
        exchange.setProperty(LOG_PREFIX, "[" + job.getJobId() + "] " + run.getLinePrefix());
    }

    // the partition's settings for its route (putRouteSettings), by the names the route reads them
    static final String SOURCE_CLUSTER = "DdbSyncPartitionSourceCluster";
    static final String TARGET_CLUSTER = "DdbSyncPartitionTargetCluster";
    static final String SOURCE_DATABASE = "DdbSyncPartitionSourceDatabase";
    static final String SOURCE_TABLE = "DdbSyncPartitionSourceTable";
    static final String TARGET_DATABASE = "DdbSyncPartitionTargetDatabase";
    static final String TARGET_TABLE = "DdbSyncPartitionTargetTable";
    /** The columns the target keeps ("" = all). */
    static final String COLUMNS = "DdbSyncPartitionColumns";
    static final String FETCH_SIZE = "DdbSyncPartitionFetchSize";
    /** How the source's blocks are read (a DolphinDBOutputType), and the target's read back. */
    static final String SOURCE_BLOCKS = "DdbSyncPartitionSourceBlocks";
    static final String TARGET_BLOCKS = "DdbSyncPartitionTargetBlocks";
    /** The partition's path ("/20240101") and the where condition that selects its rows. */
    static final String PATH = "DdbSyncPartitionPath";
    static final String FILTER = "DdbSyncPartitionFilter";
    /** Whether the source's rows are copied (else the partition is only cleared on the target). */
    static final String COPY = "DdbSyncPartitionCopy";
    static final String READING_BACK = "DdbSyncPartitionReadingBack";
    static final String VERIFY = "DdbSyncPartitionVerify";
    static final String INCREMENTAL = "DdbSyncPartitionIncremental";
    /** What the partition's progress line starts with: "[job] " and, in a job of several tables, the table. */
    static final String LOG_PREFIX = "DdbSyncPartitionLogPrefix";

    /**
     * Before a block is appended: the partition's first block clears it on the target in the same
     * call (header CamelDolphinDBClearFirst), so the clear costs no round trip of its own; the
     * blocks after it only append. A split's blocks each start from a copy of the partition's
     * exchange, so the header is set on each from the partition's progress.
     */
    public void appending(Exchange exchange) {
        exchange.getMessage().setHeader(DolphinDBConstants.CLEAR_FIRST, progress(exchange).getBlocks() == 0);
    }

    /**
     * Every block is in: exchange property {@value #CLEARED} says whether the first append cleared
     * the partition; when no block came (no rows on the source, or a partition only to clear), the
     * route clears it on its own.
     */
    public void checkCleared(Exchange exchange) {
        exchange.setProperty(CLEARED, progress(exchange).getBlocks() > 0);
    }

    static final String CLEARED = "DdbSyncPartitionCleared";

    /**
     * Body: a block that was just appended to the target (the first with the partition cleared first). Running out of heap while digesting it
     * fails the partition (as the component does while reading or writing a block): an Error would
     * end the partition's thread and leave the run waiting for it.
     */
    public void block(Exchange exchange) throws InvalidPayloadException {
        Object block = blockOf(exchange);
        PartitionProgress progress = progress(exchange);
        digesting(() -> progress.block(block));
        // verifyBy=readback: the append read the partition's version once the block was in (CamelDolphinDBWithVersion);
        // the last block's is the version the read-back verifies. None (a block of no rows, replicas that disagree):
        // the route reads it on its own before the read-back
        if (progress.copied() != null) progress.setTargetVersion(exchange.getMessage().getHeader(DolphinDBConstants.PARTITION_VERSION, String.class));
        // past the run's deadline the partition stops here, between blocks
        OnlineJob.run(exchange).getDeadline().check();
    }

    /**
     * Every block is in (verifyBy=readback): exchange property {@value #TARGET_VERSION_KNOWN} says
     * whether the last append read the partition's version; when not, the route reads it before
     * the read-back. A property the route's filter reads, not a getter: see {@link #putRouteSettings}.
     */
    public void checkTargetVersion(Exchange exchange) {
        exchange.setProperty(TARGET_VERSION_KNOWN, progress(exchange).getTargetVersion() != null);
    }

    static final String TARGET_VERSION_KNOWN = "DdbSyncPartitionTargetVersionKnown";

    /**
     * Body: the partition read back from the target (verifyBy=readback), the query's Iterator of
     * blocks (or one block): each block digested as it is read. One step over the blocks rather than
     * a split, which would make an exchange of each block for nothing but this. Out of heap: as
     * {@link #block}; past the run's deadline it stops between blocks.
     */
    public void readBack(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getMessage().getBody();
        Iterator<?> blocks = body instanceof Iterator<?> i ? i : Collections.singletonList(body).iterator();
        PartitionProgress progress = progress(exchange);
        while (blocks.hasNext()) {
            Object block = blockOf(exchange, blocks.next());
            digesting(() -> progress.readBack(block));
            OnlineJob.run(exchange).getDeadline().check();
        }
    }

    /** The body: a block decoded by the API (BasicTable) or in wire form (WireTable). */
    private static Object blockOf(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getMessage().getBody();
        return body instanceof WireTable ? body : exchange.getMessage().getMandatoryBody(BasicTable.class);
    }

    /** A block read back: decoded by the API (BasicTable) or in wire form (WireTable). */
    private static Object blockOf(Exchange exchange, Object block) throws InvalidPayloadException {
        if (block instanceof WireTable || block instanceof BasicTable) return block;
        throw new InvalidPayloadException(exchange, BasicTable.class);
    }

    private static void digesting(Runnable digest) {
        try {
            digest.run();
        } catch (OutOfMemoryError e) {
            throw HeapShortage.of(e);
        }
    }

    /**
     * After the read-back (verifyBy=readback): the digest of the rows appended must equal the digest
     * of the partition read back from the target. Equal: the partition is recorded in the report and
     * the body becomes its progress line. Different: a {@link PartitionMismatchException}, so the
     * ledger does not record it.
     */
    public void verifyReadBack(Exchange exchange) throws PartitionMismatchException {
        PartitionProgress progress = progress(exchange);
        RowDigest copied = progress.copied();
        RowDigest target = progress.readBack();
        if (!copied.matches(target)) {
            throw new PartitionMismatchException("Partition " + progress.getTask().path() + " differs after the copy: " + copied.rows()
                    + " rows copied, digest " + copied.hex() + "; read back from the target " + target.rows() + " rows, digest " + target.hex());
        }
        verified(exchange, progress, copied.rows(), target.rows(), copied.hex(), target.hex());
    }

    /**
     * Body: the target's partitions listing for this partition, taken after the blocks were appended
     * and before the read-back: its version is what the read-back will verify (a write after this
     * changes it). Only when the last append did not read it ({@link #block}).
     */
    public void targetVersion(Exchange exchange) {
        progress(exchange).setTargetVersion(versionOf(exchange.getMessage().getBody(List.class)));
    }

    /**
     * After a verified read-back, with the body the source's partitions listing for this partition
     * taken after the copy: when the source is still at the version the plan's source stats were
     * taken at, the rows copied were those rows, and the target, which holds exactly the rows
     * copied, has the same stats at the version taken before the read-back. Body: those stats for
     * the target (for rememberStats, so the next incremental plan does not scan the partition), or
     * null when that does not hold.
     */
    public PartitionStats targetStatsToRemember(Exchange exchange) {
        PartitionProgress progress = progress(exchange);
        PartitionTask task = progress.getTask();
        String sourceNow = versionOf(exchange.getMessage().getBody(List.class));
        if (task.sourceChecksum() == null || task.sourceVersion() == null || progress.getTargetVersion() == null
                || !task.sourceVersion().equals(sourceNow) || progress.copied() == null || progress.copied().rows() != task.sourceRows()) {
            return null;
        }
        return new PartitionStats(task.path(), task.filter(), task.sourceRows(), task.sourceChecksum(), false, progress.getTargetVersion());
    }

    /** The version in a partitions listing of one partition: ABSENT when it lists none (no rows), null when it does not know. */
    private static String versionOf(List<?> listing) {
        if (listing != null && listing.isEmpty()) return PartitionTask.ABSENT;
        if (listing == null || listing.size() != 1 || !(listing.get(0) instanceof Partition p)) return null;
        return p.version();
    }

    /**
     * Body: the target's stats of the partition; property DdbSyncSourceStats: the source's, over the
     * same columns (verifyBy=checksum). Equal: the partition is recorded in the report and the body
     * becomes its progress line. Different while the source is at another version than the plan
     * saw: the source was written during the copy, so the partition is left to the check at the end
     * of the round, which copies it again (catchUpRounds) or names it. Different otherwise: a
     * {@link PartitionMismatchException}, so the ledger does not record it.
     */
    public void verify(Exchange exchange) throws PartitionMismatchException {
        PartitionProgress progress = progress(exchange);
        PartitionTask task = progress.getTask();
        PartitionStats source = single(exchange.getProperty(SyncProperties.SOURCE_STATS, List.class), "source", task);
        PartitionStats target = single(exchange.getMessage().getBody(List.class), "target", task);
        // the target's version its checksum was taken at (read before the scan): what the end of the round checks it against
        progress.setTargetVersion(target.version() != null ? target.version() : target.rows() == 0 ? PartitionTask.ABSENT : null);
        if (source.matches(target)) {
            verified(exchange, progress, source.rows(), target.rows(), source.checksum(), target.checksum());
            return;
        }
        boolean sourceChanged = task.sourceVersion() != null && source.version() != null && !task.sourceVersion().equals(source.version());
        String differs = "Partition " + task.path() + " differs after the copy: source " + source.rows() + " rows, checksum "
                + source.checksum() + "; target " + target.rows() + " rows, checksum " + target.checksum();
        if (!sourceChanged) throw new PartitionMismatchException(differs);
        OnlineRun run = OnlineJob.run(exchange);
        // the target holds a copy of the plan's version, or a later one: the end of the round sees the source moved on
        run.ended(task, PartitionRecord.copied(task, source.rows(), target.rows(), source.checksum(), target.checksum(), progress.getBytes(),
                progress.millis()).proven(task.sourceVersion(), progress.getTargetVersion()));
        String position = run.partitionEnded(progress.getRows(), progress.getBytes());
        exchange.getMessage().setBody(progress.line(differs + ": the source partition was written during this run, after the plan listed it;"
                + " the end of the run compares it again", position));
    }

    private static void verified(Exchange exchange, PartitionProgress progress, long sourceRows, long targetRows, String sourceChecksum,
                                 String targetChecksum) {
        OnlineRun run = OnlineJob.run(exchange);
        PartitionTask task = progress.getTask();
        progress.setVerified();
        run.ended(task, PartitionRecord.copied(task, sourceRows, targetRows, sourceChecksum, targetChecksum, progress.getBytes(), progress.millis())
                .proven(task.sourceVersion(), progress.getTargetVersion()));
        exchange.getMessage().setBody(progress.verifiedLine(run.partitionEnded(progress.getRows(), progress.getBytes())));
    }

    /**
     * verify=false: the partition was copied but not compared. It goes into the report without
     * checksums, so the run does not count as verified; the body becomes its progress line.
     */
    public void unverified(Exchange exchange) {
        OnlineRun run = OnlineJob.run(exchange);
        PartitionProgress progress = progress(exchange);
        PartitionTask task = progress.getTask();
        run.ended(task, PartitionRecord.copied(task, task.sourceRows(), progress.getRows(), null, null, progress.getBytes(), progress.millis()));
        run.partitionUnverified();
        exchange.getMessage().setBody(progress.copiedLine(run.partitionEnded(progress.getRows(), progress.getBytes())));
    }

    /**
     * The ledger says an earlier run of the same job and window verified this partition, and both
     * sides are still at the versions it verified at: not copied again.
     */
    public void resumed(Exchange exchange) {
        OnlineRun run = OnlineJob.run(exchange);
        PartitionTask task = progress(exchange).getTask();
        run.ended(task, PartitionRecord.resumed(task));
        exchange.getMessage().setBody(task.path() + " skipped: verified by an earlier run of this window, neither side written since (ledger) "
                + run.partitionEnded(0, 0));
    }

    /** The partition failed (the exception is in CamelExceptionCaught): the report and the run's failures say why. */
    public void failed(Exchange exchange) {
        OnlineRun run = OnlineJob.run(exchange);
        PartitionProgress progress = progress(exchange);
        PartitionTask task = progress.getTask();
        String why = SyncRuns.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        run.ended(task, PartitionRecord.failed(task, progress.getBytes(), progress.millis()));
        run.partitionFailed(task.path(), why);
        exchange.getMessage().setBody(progress.failedLine(why, run.partitionEnded(0, 0)));
    }

    static PartitionProgress progress(Exchange exchange) {
        PartitionProgress p = exchange.getProperty(SyncProperties.PROGRESS, PartitionProgress.class);
        if (p == null) throw new IllegalStateException("No partition progress on this exchange: the route must call start first");
        return p;
    }

    private static PartitionStats single(List<?> stats, String side, PartitionTask task) {
        if (stats == null || stats.size() != 1 || !(stats.get(0) instanceof PartitionStats s)) {
            throw new IllegalStateException("Expected the " + side + " stats of partition " + task.path() + ", got " + stats);
        }
        return s;
    }
}
