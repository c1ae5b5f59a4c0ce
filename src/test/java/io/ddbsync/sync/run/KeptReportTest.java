package io.ddbsync.sync.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The report kept after a run (the last run of each job) says what the printed one says, minus the
 * partitions that need no attention; and a table's line shows its true time in either sync.
 */
class KeptReportTest {

    private static String lastLine(String text, String startingWith) {
        return text.lines().filter(l -> l.trim().startsWith(startingWith)).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(text));
    }

    @Test
    void theKeptReportKeepsOnlyThePartitionsThatNeedAttentionAndTheSameOutcomeAndTotals() {
        RunReport report = new RunReport("job", "online", "run1");
        for (int i = 1; i <= 1000; i++) report.partition(new RunReport.PartitionResult("/" + i, "created", 10, 10, "c" + i, "c" + i, 100, 1));
        report.partition(new RunReport.PartitionResult("/1001", "failed", 10, -1, null, null, 0, 0));
        report.partition(new RunReport.PartitionResult("/1002", "overwritten", 12, 10, "x", "y", 0, 0));
        report.sourceWritten("/1002", "written on the source during the run");
        report.partition(new RunReport.PartitionResult("/1003", RunReport.RESUMED, 10, -1, null, null, 0, 0));
        report.finished();

        RunReport kept = report.kept();
        assertEquals(report.outcome(), kept.outcome());
        assertEquals(RunReport.Outcome.NOT_VERIFIED, kept.outcome());
        assertEquals(List.of("/1001", "/1002"), kept.partitions().stream().map(RunReport.PartitionResult::path).toList());
        assertEquals(report.sourceWritten(), kept.sourceWritten());
        String full = report.render();
        String short_ = kept.render();
        assertEquals(lastLine(full, "1003 partitions"), lastLine(short_, "1003 partitions"), short_);
        assertEquals(full.lines().findFirst(), short_.lines().findFirst(), "the same status line");
        assertTrue(short_.contains("(1001 more, verified or equal: not listed"), short_);
        assertTrue(short_.lines().count() < 20, short_);

        RunReport allVerified = new RunReport("job", "online", "run2");
        allVerified.partition(new RunReport.PartitionResult("/1", "created", 10, 10, "c", "c", 100, 1));
        allVerified.finished();
        assertEquals(RunReport.Outcome.VERIFIED, allVerified.kept().outcome());
        assertEquals(List.of(), allVerified.kept().partitions());

        RunReport failed = new RunReport("job", "online", "run3");
        failed.failed("boom");
        assertEquals(RunReport.Outcome.FAILED, failed.kept().outcome());
        assertEquals("boom", failed.kept().error());
    }

    @Test
    void aReportListsEveryPartitionOfASmallRunAndOfALargeOneOnlyThoseThatNeedAttention() {
        RunReport small = new RunReport("job", "online", "small");
        for (int i = 1; i <= RunReport.LISTED_IN_FULL; i++) small.partition(new RunReport.PartitionResult("/" + i, "created", 10, 10, "c", "c", 0, 0));
        small.finished();
        assertEquals(RunReport.LISTED_IN_FULL, small.render().lines().filter(l -> l.matches("\\s+/\\d+\\s+created.*yes")).count(), small.render());

        RunReport large = new RunReport("job", "online", "large");
        int n = RunReport.LISTED_IN_FULL + 50;
        for (int i = 1; i <= n; i++) large.partition(new RunReport.PartitionResult("/" + i, "created", 10, 10, "c", "c", 0, 0));
        large.partition(new RunReport.PartitionResult("/7", "failed", 10, -1, null, null, 0, 0));
        large.partition(new RunReport.PartitionResult("/9", "overwritten", 10, 10, "a", "b", 0, 0));
        large.partition(new RunReport.PartitionResult("/11", "created", 10, 10, "c", "c", 0, 0));
        large.sourceWritten("/11", "written on the source during the run");
        large.finished();
        String text = large.render();
        List<String> listed = text.lines().filter(l -> l.matches("\\s+/\\d+\\s+.*")).map(l -> l.trim().split("\\s+")[0]).toList();
        assertEquals(List.of("/7", "/9", "/11"), listed, text);
        assertTrue(text.contains("(" + (n - 3) + " more, verified or equal: not listed"), text);
        assertTrue(text.contains(n + " partitions, " + 10L * n + " rows, " + (n - 3) + " verified"), text);
    }

    @Test
    void eachPartitionSeesAPartitionPutInAndKeptByASourceOnceAsTheSourceHasIt() {
        RunReport report = new RunReport("job", "offline", "run");
        report.partition(new RunReport.PartitionResult("/1", "failed", 10, -1, null, null, 0, 0));
        report.partition(new RunReport.PartitionResult("/2", "failed", 10, -1, null, null, 0, 0));
        report.partitions(each -> {
            each.accept(new RunReport.PartitionResult("/1", "restored", 10, 10, "c", "c", 0, 0));
            each.accept(new RunReport.PartitionResult("/3", "restored", 10, 10, "c", "c", 0, 0));
        });
        List<String> seen = new java.util.ArrayList<>();
        report.eachPartition(p -> seen.add(p.path() + " " + p.action()));
        assertEquals(List.of("/1 restored", "/2 failed", "/3 restored"), seen.stream().sorted().toList());
    }

    @Test
    void aTablesLineKeepsItsOutcomeAndCountsWhenKept() {
        RunReport report = new RunReport("job", "online", "run");
        RunReport a = report.table("dfs://db/a");
        a.partition(new RunReport.PartitionResult("/1", "created", 10, 10, "c", "c", 0, 0));
        a.partition(new RunReport.PartitionResult("/2", "unchanged", 5, 5, "d", "d", 0, 0));
        a.finished();
        RunReport b = report.table("dfs://db/b");
        b.partition(new RunReport.PartitionResult("/1", "failed", 7, -1, null, null, 0, 0));
        b.failed("1 of 1 partitions failed");
        report.finished();
        RunReport kept = report.kept();
        assertEquals(RunReport.Outcome.FAILED, kept.outcome());
        assertEquals(lastLine(report.render(), "dfs://db/a"), lastLine(kept.render(), "dfs://db/a"));
        assertEquals(lastLine(report.render(), "dfs://db/b"), lastLine(kept.render(), "dfs://db/b"));
        assertTrue(lastLine(kept.render(), "dfs://db/a").matches(".*VERIFIED\\s+2\\s+15\\s+2\\s+.*"), kept.render());
    }

    @Test
    void aTableWithoutStagesOfItsOwnIsTimedFromTheRunsStartAndOneWithStagesByThem() throws Exception {
        RunReport report = new RunReport("job", "offline", "run");
        Thread.sleep(300);
        // the offline sync makes a table's report at its verification, after the job's shared stages
        RunReport offline = report.table("dfs://db/offline");
        offline.partition(new RunReport.PartitionResult("/1", "restored", 10, 10, "c", "c", 0, 0));
        offline.finished();
        RunReport online = report.table("dfs://db/online");
        online.stage("plan", 1_250, "");
        online.stage("copy", 2_500, "");
        online.finished();
        report.finished();
        String line = lastLine(report.render(), "dfs://db/offline");
        double seconds = Double.parseDouble(line.replaceAll(".* ([0-9.]+) s$", "$1"));
        assertTrue(seconds >= 0.3, "from the run's start, not from its verification: " + line);
        assertTrue(lastLine(report.render(), "dfs://db/online").endsWith("3.750 s"), report.render());
    }
}
