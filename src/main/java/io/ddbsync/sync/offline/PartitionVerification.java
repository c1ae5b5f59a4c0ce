package io.ddbsync.sync.offline;

import io.ddbsync.camel.Names;
import io.ddbsync.camel.Partition;
import io.ddbsync.camel.PartitionChecksum;
import io.ddbsync.camel.PartitionStats;
import io.ddbsync.camel.TableSchema;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncRuns;
import io.ddbsync.sync.run.SyncVerificationException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Proves the target equals the source, partition by partition: same row count and same content
 * checksum (the component's stats). Every partition goes into the run report; any difference
 * fails the run, naming the partitions.
 */
public class PartitionVerification {
    private static final Logger LOG = LoggerFactory.getLogger("io.ddbsync.progress");
    private static final String DIFFERING = "DdbSyncDiffering";
    private static final String SOURCE_STATS = "DdbSyncSourceStats";

    /**
     * Before the offline sync backs anything up: its verification compares server-side checksums,
     * which must cover every column synced.
     */
    public void requireVerifiable(TableSchema schema, String columns) {
        PartitionChecksum.requireCheckable(schema, Names.columns(columns), "the offline sync's verification",
                "sync this table with the online sync, whose read-back covers every type, or leave the column out (columns)");
    }

    public void verify(Exchange exchange, List<PartitionStats> source, List<PartitionStats> target, String action) {
        verify(exchange, source, target, action, List.of());
    }

    /**
     * @param planned the source's partitions as the run's plan listed them, with their versions: a
     *                partition that differs and whose version changed since is named as written on
     *                the source during the run (the target then holds what was backed up)
     */
    public void verify(Exchange exchange, List<PartitionStats> source, List<PartitionStats> target, String action, List<Partition> planned) {
        String differing = compare(SyncRuns.report(exchange), new SourceStats(source.iterator(), new PlannedPartitions(planned)), target.iterator(), action);
        if (differing != null) {
            throw new SyncVerificationException("Target " + SyncRuns.report(exchange).job() + " differs from the source in partitions " + differing);
        }
    }

    /**
     * One table's source stats (the message body: a List, or the stats operation's stream, an
     * Iterator), kept compactly ({@link SourceStats}) in exchange property DdbSyncSourceStats for
     * {@link #verifyTable}; the body is let go before the target's stats are read.
     */
    public void keepSource(Exchange exchange, OfflineTable table, Object source) {
        exchange.setProperty(SOURCE_STATS, new SourceStats(stats(source, table, "source"), table.getPlanned()));
        exchange.getMessage().setBody(null);
    }

    /**
     * One table of a job's, its source's stats kept by {@link #keepSource}: in a job of several, its
     * partitions go into the table's own report (one line per table in the run's), and a difference
     * is kept (exchange property DdbSyncDiffering) until {@link #requireVerified}, so every table is
     * compared before the run fails naming them all. The source's stats are let go after.
     */
    public void verifyTable(Exchange exchange, OfflineTable table, Object target, String action) {
        SourceStats source = exchange.getProperty(SOURCE_STATS, SourceStats.class);
        if (source == null) throw new IllegalStateException("verifyTable before keepSource");
        exchange.removeProperty(SOURCE_STATS);
        boolean several = jobTables(exchange) > 1;
        RunReport report = SyncRuns.report(exchange);
        // named as the online sync names its tables' lines: source, and "-> target" when it differs
        RunReport tableReport = several ? report.table(table.toString()) : report;
        String differing = compare(tableReport, source, stats(target, table, "target"), action);
        if (several && differing != null) tableReport.failed("differs from the source in partitions " + differing);
        else if (several) tableReport.finished();
        if (differing != null) differences(exchange).add((several ? table.getName() + " " : "") + "partitions " + differing);
    }

    /** A stats operation's result, a List or a stream (an Iterator of {@link PartitionStats}), read one at a time. */
    @SuppressWarnings("unchecked")
    private static Iterator<PartitionStats> stats(Object body, OfflineTable table, String side) {
        if (body instanceof List<?> list) return (Iterator<PartitionStats>) list.iterator();
        if (body instanceof Iterator<?> stream) return (Iterator<PartitionStats>) stream;
        throw new IllegalArgumentException(table.getName() + ": the " + side + "'s stats are neither a List nor an Iterator of PartitionStats but "
                + (body == null ? "null" : body.getClass().getName()));
    }

    /** Before the split over the job's tables: where {@link #verifyTable} keeps the differences. */
    public void startTables(Exchange exchange) {
        exchange.setProperty(DIFFERING, Collections.synchronizedList(new ArrayList<String>()));
    }

    /** Fails the run when any table of it differs from its source. */
    public void requireVerified(Exchange exchange) {
        List<String> differing = differences(exchange);
        if (!differing.isEmpty()) {
            throw new SyncVerificationException("Target " + SyncRuns.report(exchange).job() + " differs from the source in " + String.join("; in ", differing));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> differences(Exchange exchange) {
        List<String> differing = exchange.getProperty(DIFFERING, List.class);
        if (differing == null) throw new IllegalStateException("verifyTable before startTables");
        return differing;
    }

    private static int jobTables(Exchange exchange) {
        List<?> tables = exchange.getProperty(OfflineTables.TABLES, List.class);
        return tables == null ? 1 : tables.size();
    }

    /**
     * Puts every partition in the report; the differing ones as text for the failure, or null when none differs. The equal
     * ones go in as {@link VerifiedPartitions} (the source's path strings, checksums as longs), the others as full results.
     */
    private static String compare(RunReport report, SourceStats source, Iterator<PartitionStats> target, String action) {
        // each source partition's target stats, as they are read (the target's list or stream is not kept);
        // what the source does not have, in the target's order
        TargetStats onTarget = new TargetStats(source.size());
        List<PartitionStats> extras = new ArrayList<>();
        while (target.hasNext()) {
            PartitionStats t = target.next();
            int i = source.indexOf(t.path());
            if (i >= 0) onTarget.put(i, t);
            else if (t.rows() != 0) extras.add(t);
        }
        List<String> changedDuringRun = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        VerifiedPartitions equal = new VerifiedPartitions(action, source.size());
        for (int i = 0; i < source.size(); i++) {
            String path = source.path(i);
            RunReport.PartitionResult r = new RunReport.PartitionResult(path, action, source.rows(i),
                    onTarget.rows(i), source.checksum(i), onTarget.checksum(i), 0, 0);
            LOG.debug("[{}] partition {}: {} rows on the source, {} on the target, checksums {}", report.job(), path,
                    r.sourceRows(), r.targetRows(), r.verified() ? "equal" : "DIFFER");
            if (r.verified() && equal.add(path, r.sourceRows(), r.sourceChecksum())) continue;
            report.partition(r);
            if (!r.verified()) {
                LOG.warn("[{}] partition {}: {} rows on the source, {} on the target, checksums DIFFER", report.job(), path, r.sourceRows(), r.targetRows());
                differing.add(path);
                if (source.changedSincePlan(i)) changedDuringRun.add(path);
            }
        }
        if (equal.size() > 0) report.partitions(equal.trimmed());
        // rows on the target in the window that the source does not have
        for (PartitionStats extra : extras) {
            report.partition(new RunReport.PartitionResult(extra.path(), "extra", 0, extra.rows(), null, extra.checksum(), 0, 0));
            differing.add(extra.path());
        }
        if (differing.isEmpty()) return null;
        return differing + (changedDuringRun.isEmpty() ? "" : "; of those, " + changedDuringRun + " changed on the source during this run (written"
                + " after the plan listed them): the target holds them as they were backed up, and the next run copies the change");
    }

    /**
     * The target's row count and checksum of each source partition, by the source's index: the
     * checksum as two longs ({@link PartitionChecksum}), one of another form (or none) as it was read.
     * A partition the target did not list has 0 rows and no checksum.
     */
    private static final class TargetStats {
        private final long[] rows;
        private final long[] checksums;
        private final Map<Integer, String> otherChecksums = new HashMap<>();
        private final BitSet listed = new BitSet();

        TargetStats(int n) {
            rows = new long[n];
            checksums = new long[2 * n];
        }

        void put(int i, PartitionStats t) {
            listed.set(i);
            rows[i] = t.rows();
            String checksum = t.checksum();
            if (checksum != null && PartitionChecksum.isHex(checksum)) {
                checksums[2 * i] = PartitionChecksum.high(checksum);
                checksums[2 * i + 1] = PartitionChecksum.low(checksum);
                otherChecksums.remove(i);
            } else {
                otherChecksums.put(i, checksum);
            }
        }

        long rows(int i) {
            return rows[i];
        }

        String checksum(int i) {
            if (!listed.get(i)) return null;
            return otherChecksums.containsKey(i) ? otherChecksums.get(i) : PartitionChecksum.text(checksums[2 * i], checksums[2 * i + 1]);
        }
    }
}
