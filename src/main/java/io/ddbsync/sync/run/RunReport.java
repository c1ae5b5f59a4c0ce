package io.ddbsync.sync.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What one run of a job did: its stages with their times, every partition with rows and
 * checksums on both sides, bytes moved, and how it ended. Routes fill it as they go (partitions
 * may be reported from parallel threads) and print it when the run ends.
 */
public final class RunReport {

    /**
     * A partition an earlier, interrupted run of the same window already verified (the online
     * sync's ledger), so this run did not copy it again. It counts as done, like "unchanged".
     */
    public static final String RESUMED = "resumed";

    /** How a run ended. */
    public enum Outcome {
        /** Every partition verified, and still equal to the source at the end of the run. */
        VERIFIED,
        /**
         * Every partition verified, but the source was written to some during the run (and, online,
         * during its catch-up rounds): the target holds them as they were before those writes.
         */
        SOURCE_CHANGED,
        /** Some partition was not compared (verification off, or the run did not get to it). */
        NOT_VERIFIED,
        /** The run failed (its error says why). */
        FAILED
    }

    /** A stage of the run (plan, backup, transfer, restore, copy, verify) and how long it took. */
    public record Stage(String name, long millis, String detail) {}

    /** One partition: what was done with it and whether the target now equals the source. */
    public record PartitionResult(String path, String action, long sourceRows, long targetRows,
                                  String sourceChecksum, String targetChecksum, long bytes, long millis) {
        public PartitionResult {
            // a verified partition's checksums are equal texts read from two servers: the report keeps one of them, not two,
            // for each of its partitions (the last run's report stays in memory; 72 bytes a partition, PlanHeapBenchmark)
            if (targetChecksum != null && targetChecksum.equals(sourceChecksum)) targetChecksum = sourceChecksum;
        }

        public boolean verified() {
            return sourceRows == targetRows && sourceChecksum != null && sourceChecksum.equals(targetChecksum);
        }
    }

    /**
     * Partitions whose results are kept elsewhere, read each time the report is: the online sync's
     * records of a table's run (one object a partition for the plan, the run and the report), the
     * offline verification's equal partitions (a path, a row count and two longs a partition).
     */
    public interface PartitionSource {
        /** Each partition's result so far (a partition that has not ended yet has none). */
        void forEach(Consumer<PartitionResult> each);
    }

    /** The most partitions a report lists every one of; a larger run lists those that need attention. */
    static final int LISTED_IN_FULL = 200;

    private final String job;
    private final String mode;
    private final String runId;
    private final Instant started;
    /** A table's report (of a job of several tables): when the run it is part of started; null for a run's own report. */
    private final Instant runStarted;
    private final List<Stage> stages = new ArrayList<>();
    /** In partition order, whatever order parallel partitions end in: /20240102 before /20240110, /Key2 before /Key10. */
    private final Map<String, PartitionResult> partitions = new TreeMap<>(RunReport::comparePaths);
    private final List<PartitionSource> partitionSources = new ArrayList<>();
    /**
     * The report as kept after the run ({@link #kept}): what every partition added up to; its
     * partitions are then only those that need attention. Null while the report has every partition.
     */
    private Tally keptTally;
    private final Map<String, String> facts = new LinkedHashMap<>();
    /** Partitions written on the source during the run, after they were copied: what each side holds. */
    private final Map<String, String> sourceWritten = new TreeMap<>(RunReport::comparePaths);
    /** A job of several tables: one report per table (target database/table), rendered one line each. */
    private final Map<String, RunReport> tables = new TreeMap<>();
    private Instant ended;
    private String error;
    private long bytesMoved;
    private long transferMillis;

    public RunReport(String job, String mode, String runId) {
        this(job, mode, runId, Instant.now(), null);
    }

    private RunReport(String job, String mode, String runId, Instant started, Instant runStarted) {
        this.job = job;
        this.mode = mode;
        this.runId = runId;
        this.started = started;
        this.runStarted = runStarted;
    }

    public String job() {
        return job;
    }

    public String mode() {
        return mode;
    }

    public String runId() {
        return runId;
    }

    /** A line of context shown at the top of the report (window, source, target, leg). */
    public synchronized RunReport fact(String name, Object value) {
        facts.put(name, String.valueOf(value));
        return this;
    }

    public synchronized void stage(String name, long millis, String detail) {
        stages.add(new Stage(name, millis, detail == null ? "" : detail));
    }

    /**
     * The report of one table of a job that syncs several, made on first use: its partitions,
     * stages and error are its own; this report renders it as one line and takes its outcome into
     * its own (the worst of its tables').
     */
    public synchronized RunReport table(String name) {
        return tables.computeIfAbsent(name, n -> new RunReport(job, mode, runId, Instant.now(), started));
    }

    /** The tables' reports, by name (empty for a one-table job, whose partitions are this report's). */
    public synchronized Map<String, RunReport> tables() {
        return new TreeMap<>(tables);
    }

    public synchronized void partition(PartitionResult result) {
        partitions.put(result.path(), result);
    }

    /** Partitions whose results the source keeps: the report reads them whenever it is read or rendered. */
    public synchronized void partitions(PartitionSource source) {
        partitionSources.add(source);
    }

    /** Every partition's result, those put in and those of the sources, in partition order. */
    private Map<String, PartitionResult> allPartitions() {
        if (partitionSources.isEmpty()) return partitions;
        Map<String, PartitionResult> all = new TreeMap<>(RunReport::comparePaths);
        all.putAll(partitions);
        for (PartitionSource source : partitionSources) source.forEach(r -> all.put(r.path(), r));
        return all;
    }

    /** Each partition's result, in no particular order (a partition put in and in a source: the source's). */
    private void forEachPartition(Consumer<PartitionResult> each) {
        if (partitionSources.isEmpty()) {
            partitions.values().forEach(each);
            return;
        }
        // only the paths put in that a source also has are remembered, not every path of the sources
        Set<String> shadowed = new HashSet<>();
        for (PartitionSource source : partitionSources) {
            source.forEach(r -> {
                if (partitions.containsKey(r.path())) shadowed.add(r.path());
                each.accept(r);
            });
        }
        partitions.values().stream().filter(r -> !shadowed.contains(r.path())).forEach(each);
    }

    /** Each partition's result, in no particular order, none of them copied or sorted (for a count over many partitions). */
    public synchronized void eachPartition(Consumer<PartitionResult> each) {
        forEachPartition(each);
    }

    /** A partition the report names whatever its size: failed, not compared, differing, or written on the source during the run. */
    private boolean needsAttention(PartitionResult p) {
        return sourceWritten.containsKey(p.path()) || !(p.verified() || p.action().equals("unchanged") || p.action().equals(RESUMED));
    }

    /**
     * What the partitions add up to, for the outcome, the summary line and a table's line.
     *
     * @param partitions    how many
     * @param rows          their source rows
     * @param verified      compared equal, and the source not written to during the run
     * @param resumed       verified by an earlier run (the ledger)
     * @param moved         written on the source during the run (not resumed): they may differ for that reason alone
     * @param differ        whether some partition compared different (the source not written to during the run)
     * @param settled       verified, left alone as equal, resumed, or written on the source during the run (named as such)
     * @param done          verified (whatever the source did since), resumed or left alone: a table's "verified" column
     */
    private record Tally(long partitions, long rows, long verified, long resumed, long moved, boolean differ, long settled, long done) {}

    private synchronized Tally tally() {
        if (keptTally != null) return keptTally;
        long[] n = new long[7];
        boolean[] differ = {false};
        forEachPartition(p -> {
            boolean written = sourceWritten.containsKey(p.path());
            boolean resumed = p.action().equals(RESUMED);
            boolean unchanged = p.action().equals("unchanged");
            n[0]++;
            n[1] += Math.max(0, p.sourceRows());
            if (p.verified() && !written) n[2]++;
            if (resumed) n[3]++;
            if (written && !resumed) n[4]++;
            // a partition without checksums on both sides was not compared (a failed copy, or verification switched off); one the
            // source was written to during the run may differ from the source for that reason alone
            if (!written && p.sourceChecksum() != null && p.targetChecksum() != null && !p.verified()) differ[0] = true;
            if (p.verified() || unchanged || resumed || written) n[5]++;
            if (p.verified() || unchanged || resumed) n[6]++;
        });
        return new Tally(n[0], n[1], n[2], n[3], n[4], differ[0], n[5], n[6]);
    }

    /**
     * The report as kept after the run (the last run of each job, {@code SyncRuns.lastRuns}): the
     * same outcome, lines and tables, but of its partitions only those that need attention (failed,
     * not compared, differing, written on the source during the run), and what all of them added up
     * to. A run of 20,000 partitions that all verified keeps none of them, not 20,000 results.
     */
    public synchronized RunReport kept() {
        RunReport k = new RunReport(job, mode, runId, started, runStarted);
        k.copyFrom(this);
        return k;
    }

    private void copyFrom(RunReport from) {
        stages.addAll(from.stages);
        facts.putAll(from.facts);
        sourceWritten.putAll(from.sourceWritten);
        from.tables.forEach((name, t) -> tables.put(name, t.kept()));
        ended = from.ended;
        error = from.error;
        bytesMoved = from.bytesMoved;
        transferMillis = from.transferMillis;
        keptTally = from.tally();
        from.forEachPartition(p -> {
            if (from.needsAttention(p)) partitions.put(p.path(), p);
        });
    }

    /**
     * A partition written on the source during the run, after it was copied (or new on the source
     * since the plan): the run did not prove it equal at its end, whatever its verification said.
     */
    public synchronized void sourceWritten(String path, String detail) {
        sourceWritten.put(path, detail);
    }

    public synchronized Map<String, String> sourceWritten() {
        return new LinkedHashMap<>(sourceWritten);
    }

    public synchronized void transferred(long bytes, long millis) {
        bytesMoved += bytes;
        transferMillis += millis;
    }

    public synchronized void addBytes(long bytes) {
        bytesMoved += bytes;
    }

    public synchronized void failed(String message) {
        this.error = message;
        if (ended == null) ended = Instant.now();
    }

    public synchronized void finished() {
        if (ended == null) ended = Instant.now();
    }

    /** Whether the run verified every partition and the source stayed as it was copied (outcome VERIFIED). */
    public synchronized boolean succeeded() {
        return outcome() == Outcome.VERIFIED;
    }

    public synchronized Outcome outcome() {
        if (error != null) return Outcome.FAILED;
        Outcome worst = Outcome.VERIFIED;
        for (RunReport t : tables.values()) {
            Outcome o = t.outcome();
            if (o.ordinal() > worst.ordinal()) worst = o;
        }
        if (worst != Outcome.VERIFIED && worst != Outcome.SOURCE_CHANGED) return worst;
        // a partition the source was written to during the run is not proven equal at its end, whatever its comparison said
        Tally tally = tally();
        if (ended == null || tally.settled() != tally.partitions()) {
            return Outcome.NOT_VERIFIED;
        }
        return sourceWritten.isEmpty() ? worst : Outcome.SOURCE_CHANGED;
    }

    public synchronized String error() {
        return error;
    }

    public synchronized List<PartitionResult> partitions() {
        return new ArrayList<>(allPartitions().values());
    }

    public synchronized List<Stage> stages() {
        return new ArrayList<>(stages);
    }

    public synchronized long bytesMoved() {
        return bytesMoved;
    }

    public synchronized String render() {
        StringBuilder sb = new StringBuilder();
        long total = Duration.between(started, ended == null ? Instant.now() : ended).toMillis();
        Outcome outcome = outcome();
        String status = switch (outcome) {
            case VERIFIED -> "OK, every partition verified";
            case SOURCE_CHANGED -> "SOURCE CHANGED, " + sourceWritten.size() + " partitions written on the source during the run differ from it now";
            case NOT_VERIFIED -> "NOT VERIFIED";
            case FAILED -> "FAILED";
        };
        sb.append(String.format(Locale.ROOT, "=== run %s of job %s (%s): %s in %s ===%n", runId, job, mode, status, seconds(total)));
        facts.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-10s %s%n", k + ":", v)));
        if (error != null) sb.append("  error:     ").append(error).append(System.lineSeparator());
        sourceWritten.forEach((path, detail) -> sb.append(String.format(Locale.ROOT, "  source changed: %s %s%n", path, detail)));
        if (!tables.isEmpty()) renderTables(sb);
        if (!stages.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %10s  %s%n", "stage", "time", "detail"));
            for (Stage s : stages) sb.append(String.format(Locale.ROOT, "  %-12s %10s  %s%n", s.name(), seconds(s.millis()), s.detail()));
        }
        Tally tally = tally();
        if (tally.partitions() > 0) {
            Map<String, PartitionResult> partitions = listedPartitions(tally);
            sb.append(String.format(Locale.ROOT, "  %-24s %-11s %12s %12s  %-17s %-17s %s%n", "partition", "action", "source rows",
                    "target rows", "source checksum", "target checksum", "verified"));
            for (PartitionResult p : partitions.values()) {
                // a negative row count is one the run does not know (a partition resumed or failed)
                sb.append(String.format(Locale.ROOT, "  %-24s %-11s %12s %12s  %-17s %-17s %s%n", p.path(), p.action(), rowsOrDash(p.sourceRows()),
                        rowsOrDash(p.targetRows()), nullToDash(p.sourceChecksum()), nullToDash(p.targetChecksum()),
                        sourceWritten.containsKey(p.path()) ? "SOURCE CHANGED" : p.verified() ? "yes" : p.action().equals(RESUMED) ? "earlier" : "NO"));
            }
            if (partitions.size() < tally.partitions()) {
                sb.append(String.format(Locale.ROOT, "  (%d more, verified or equal: not listed; the report lists every partition of a run of up to %d,"
                        + " else, as after the run, only those that need attention)%n", tally.partitions() - partitions.size(), LISTED_IN_FULL));
            }
            String checksums = tally.differ() ? "DIFFER" : tally.verified() + tally.resumed() + tally.moved() != tally.partitions() ? "NOT ALL COMPARED"
                    : sourceWritten.isEmpty() ? "equal" : "equal where the source stood still, SOURCE CHANGED in " + sourceWritten.size() + " partitions";
            sb.append(String.format(Locale.ROOT, "  %d partitions, %d rows, %d verified%s, checksums %s%n", tally.partitions(), tally.rows(),
                    tally.verified(), tally.resumed() > 0 ? ", " + tally.resumed() + " verified by an earlier run" : "", checksums));
        }
        if (bytesMoved > 0) {
            double secs = (transferMillis > 0 ? transferMillis : total) / 1000.0;
            sb.append(String.format(Locale.ROOT, "  moved %.1f MB at %.1f MB/s%n", bytesMoved / 1e6, secs <= 0 ? 0 : bytesMoved / 1e6 / secs));
        }
        return sb.toString();
    }

    /**
     * The partitions the report lists, in partition order: every one of a run of up to
     * {@link #LISTED_IN_FULL}, else those that need attention. A run of 20,000 partitions that all
     * verified is read at a glance, and rendering it holds no result, line or text of each partition
     * (the progress log has a line for every partition as it ends).
     */
    private Map<String, PartitionResult> listedPartitions(Tally tally) {
        if (tally.partitions() <= LISTED_IN_FULL) return allPartitions();
        Map<String, PartitionResult> listed = new TreeMap<>(RunReport::comparePaths);
        forEachPartition(p -> {
            if (needsAttention(p)) listed.put(p.path(), p);
        });
        return listed;
    }

    /** One line per table: what a job of fifty tables did, at a glance; a failed table's error under it. */
    private void renderTables(StringBuilder sb) {
        sb.append(String.format(Locale.ROOT, "  %-40s %-15s %10s %14s %10s %10s%n", "table", "outcome", "partitions", "rows", "verified", "time"));
        tables.forEach((name, t) -> {
            Tally tally = t.tally();
            sb.append(String.format(Locale.ROOT, "  %-40s %-15s %10d %14d %10d %10s%n", name, t.outcome(), tally.partitions(), tally.rows(), tally.done(),
                    seconds(t.tableMillis())));
            if (t.error() != null) sb.append("    error: ").append(t.error()).append(System.lineSeparator());
            t.sourceWritten().forEach((path, detail) -> sb.append("    source changed: ").append(path).append(' ').append(detail).append(System.lineSeparator()));
        });
    }

    /**
     * A table's time in its line: its own stages when it has any (the online sync's plan and copy of
     * the table; its copy runs from the job's pool's start to its last partition's end), else from
     * the run's start to the table's end (the offline sync, whose plan, backup, transfer and restore
     * serve every table at once: the table is done when its verification is); 0 while it has not ended.
     */
    private synchronized long tableMillis() {
        if (!stages.isEmpty()) return stages.stream().mapToLong(Stage::millis).sum();
        if (ended == null) return 0;
        return Duration.between(runStarted == null ? started : runStarted, ended).toMillis();
    }

    private static String rowsOrDash(long rows) {
        return rows < 0 ? "-" : Long.toString(rows);
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
    }

    @Override
    public String toString() {
        return render();
    }

    /**
     * Partition paths in natural order: runs of digits compare by value, the rest by character, so
     * HASH and LIST buckets (/Key2, /Key10) and COMPO paths read in the order of their keys.
     */
    static int comparePaths(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                // compare digit runs as numbers: shorter (without leading zeros) is smaller; in place,
                // since a report of many partitions sorts their paths often
                int startA = significantDigits(a, i, endA);
                int startB = significantDigits(b, j, endB);
                int byValue = Integer.compare(endA - startA, endB - startB);
                for (int k = 0; byValue == 0 && k < endA - startA; k++) byValue = Character.compare(a.charAt(startA + k), b.charAt(startB + k));
                if (byValue != 0) return byValue;
                i = endA;
                j = endB;
            } else {
                if (x != y) return Character.compare(x, y);
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        // equal as numbers but spelled differently (leading zeros): still two different partitions
        return byRest != 0 ? byRest : a.compareTo(b);
    }

    /** Where a run of digits starts without its leading zeros (its last digit at the latest). */
    private static int significantDigits(String s, int from, int end) {
        int k = from;
        while (k < end - 1 && s.charAt(k) == '0') k++;
        return k;
    }

    private static int digitsEnd(String s, int from) {
        int k = from;
        while (k < s.length() && Character.isDigit(s.charAt(k))) k++;
        return k;
    }
}
