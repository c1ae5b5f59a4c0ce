package io.ddbsync.sync.online;

import java.util.List;
import java.util.Locale;

/**
 * The partitions of one online run inside its window and what happens to each. A dry run prints
 * it and stops; a real run splits {@link #toCopy()}.
 *
 * @param job             the job's id
 * @param window          the run's window, as the report shows it
 * @param targetTable     the target table and its status, as the report shows it
 * @param tasks           every partition inside the window and what happens to it
 * @param statsScanned    partition stats the plan had scanned on either side (incremental runs; 0 otherwise)
 * @param statsRemembered partition stats the plan took from the stats cache, unchanged since they were scanned
 */
public record OnlinePlan(String job, String window, String targetTable, List<PartitionTask> tasks, int statsScanned,
                         int statsRemembered) {
    public OnlinePlan {
        tasks = List.copyOf(tasks);
    }

    /** The partitions the run writes (everything but UNCHANGED). */
    public List<PartitionTask> toCopy() {
        return tasks.stream().filter(t -> t.action() != PartitionTask.Action.UNCHANGED).toList();
    }

    public long count(PartitionTask.Action action) {
        return tasks.stream().filter(t -> t.action() == action).count();
    }

    /** Rows the run streams from the source. */
    public long rowsToCopy() {
        return tasks.stream().filter(PartitionTask::isCopy).mapToLong(PartitionTask::sourceRows).sum();
    }

    public long bytesToCopy() {
        return tasks.stream().filter(PartitionTask::isCopy).mapToLong(PartitionTask::estimatedBytes).sum();
    }

    /** One line: counts per action, what will move, and (incremental) how many partition stats had to be scanned. */
    public String summary() {
        String line = String.format(Locale.ROOT, "%d partitions: %d to create, %d to overwrite, %d to clear, %d to leave alone; %,d rows, ~%.1f MB to copy",
                tasks.size(), count(PartitionTask.Action.CREATE), count(PartitionTask.Action.OVERWRITE), count(PartitionTask.Action.CLEAR),
                count(PartitionTask.Action.UNCHANGED), rowsToCopy(), bytesToCopy() / 1e6);
        if (statsScanned + statsRemembered == 0) return line;
        return line + String.format(Locale.ROOT, "; partition stats: %d scanned, %d unchanged since scanned", statsScanned, statsRemembered);
    }

    /** The plan as a dry run prints it. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "=== plan of job %s, window %s ===%n", job, window));
        sb.append(String.format(Locale.ROOT, "  target table: %s%n", targetTable));
        sb.append(String.format(Locale.ROOT, "  %-24s %-10s %12s %12s %12s%n", "partition", "action", "source rows", "target rows", "est. MB"));
        for (PartitionTask t : tasks) {
            sb.append(String.format(Locale.ROOT, "  %-24s %-10s %12d %12d %12.1f%n", t.path(), t.action().label(), t.sourceRows(),
                    t.targetRows(), t.isCopy() ? t.estimatedBytes() / 1e6 : 0.0));
        }
        sb.append("  ").append(summary()).append(System.lineSeparator());
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
