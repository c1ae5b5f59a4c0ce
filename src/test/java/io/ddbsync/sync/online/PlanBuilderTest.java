package io.ddbsync.sync.online;

import com.xxdb.data.BasicDate;
import io.ddbsync.camel.Partition;
import io.ddbsync.camel.PartitionStats;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What a run does with each partition, from what each side holds inside the window. */
class PlanBuilderTest {
    private static Partition partition(String day, long rows) {
        LocalDate d = LocalDate.parse(day);
        return new Partition("/" + day.replace("-", ""), "partition(Timestamp, " + day.replace('-', '.') + ")", List.of("Timestamp"),
                List.of(new BasicDate(d)), rows);
    }

    private static PartitionStats stats(String day, long rows, String checksum) {
        return new PartitionStats("/" + day.replace("-", ""), "partition(Timestamp, " + day.replace('-', '.') + ")", rows, checksum);
    }

    private static List<String> actions(List<PartitionTask> tasks) {
        return tasks.stream().map(t -> t.path() + " " + t.action().label()).toList();
    }

    @Test
    void aFullRunCreatesOverwritesAndClears() {
        List<PartitionTask> tasks = PlanBuilder.tasks(List.of(partition("2024-01-01", 10), partition("2024-01-02", 20)),
                List.of(partition("2024-01-02", 5), partition("2024-01-03", 7)), false, 40);
        assertEquals(List.of("/20240101 create", "/20240102 overwrite", "/20240103 clear"), actions(tasks));
        assertEquals(800, tasks.get(1).estimatedBytes());
        assertEquals(5, tasks.get(1).targetRows());
        assertEquals(PartitionTask.ABSENT, tasks.get(2).sourceVersion(), "a partition on the target only has no rows on the source");
        assertEquals(PartitionTask.ABSENT, tasks.get(0).targetVersion(), "nor one on the source only on the target");
        assertFalse(tasks.get(2).isCopy(), "a partition on the target only is cleared, not copied");
        OnlinePlan plan = new OnlinePlan("job", "all", "t", tasks, 0, 0);
        assertEquals(30, plan.rowsToCopy());
        assertEquals(3, plan.toCopy().size());
    }

    @Test
    void anIncrementalRunLeavesEqualPartitionsAlone() {
        List<PartitionTask> tasks = PlanBuilder.tasks(
                List.of(stats("2024-01-01", 10, "aa"), stats("2024-01-02", 20, "bb"), stats("2024-01-03", 30, "cc")),
                List.of(stats("2024-01-01", 10, "aa"), stats("2024-01-02", 20, "XX"), stats("2024-01-04", 1, "dd")), true, 40);
        assertEquals(List.of("/20240101 unchanged", "/20240102 overwrite", "/20240103 create", "/20240104 clear"), actions(tasks));
        OnlinePlan plan = new OnlinePlan("job", "all", "t", tasks, 0, 0);
        assertEquals(List.of("/20240102", "/20240103", "/20240104"), plan.toCopy().stream().map(PartitionTask::path).toList());
        assertEquals(1, plan.count(PartitionTask.Action.UNCHANGED));
    }

    @Test
    void aFullRunOverwritesEvenEqualPartitions() {
        List<PartitionTask> tasks = PlanBuilder.tasks(List.of(stats("2024-01-01", 10, "aa")), List.of(stats("2024-01-01", 10, "aa")), false, 1);
        assertEquals(List.of("/20240101 overwrite"), actions(tasks));
    }
}
