package io.ddbsync.sync.online;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pool's round, merged as the split takes it, comes in the order one stable sort of every
 * table's partitions (largest first) gives: in a size, table order, then the table's own order.
 */
class PoolRoundTest {

    @Test
    void theMergeIsTheStableSortOfAllTablesPartitions() {
        OnlineJob job = new OnlineJob();
        job.setJobId("job");
        List<SyncTable> tables = new ArrayList<>();
        for (int i = 0; i < 5; i++) tables.add(new SyncTable("dfs://db", "t" + i, "dfs://db", "t" + i, "", ""));
        OnlineJobRun jobRun = new OnlineJobRun(new RunReport("job", "online", "run"), null, null, null, tables, false);
        Random random = new Random(18);
        List<OnlineRun> runs = new ArrayList<>();
        List<PartitionTask[]> tasks = new ArrayList<>();
        List<JobPartition> expected = new ArrayList<>();
        for (SyncTable t : tables) {
            OnlineRun run = new OnlineRun(job, jobRun, t, new PartitionSlots(1));
            List<PartitionTask> own = new ArrayList<>();
            // few sizes, so many ties across and inside tables
            for (int p = 0; p < 40; p++) {
                own.add(new PartitionTask(String.format("/%03d", p), "f", PartitionTask.Action.CREATE, 1, 0, 100L * random.nextInt(4), null, null,
                        "s", PartitionTask.ABSENT));
            }
            PartitionTask[] largestFirst = OnlineRun.largestFirst(own);
            runs.add(run);
            tasks.add(largestFirst);
            for (PartitionTask task : largestFirst) expected.add(new JobPartition(run, task));
        }
        tasks.set(3, new PartitionTask[0]);
        expected.removeIf(p -> p.run() == runs.get(3));
        expected.sort(Comparator.comparingLong((JobPartition p) -> p.task().estimatedBytes()).reversed());

        PoolRound round = new PoolRound(runs, tasks);
        List<JobPartition> merged = new ArrayList<>();
        round.forEach(merged::add);
        assertEquals(160, round.size());
        assertEquals(expected.size(), merged.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSame(expected.get(i).run(), merged.get(i).run(), "partition " + i);
            assertSame(expected.get(i).task(), merged.get(i).task(), "partition " + i);
        }
        for (PartitionTask[] own : tasks) assertTrue(Arrays.stream(own).allMatch(Objects::isNull), "the round let go of each partition it handed out");
        assertThrows(IllegalStateException.class, round::iterator, "a round is walked once");
    }
}
