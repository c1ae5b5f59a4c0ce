package io.ddbsync.sync.online;

/**
 * One partition in the job's pool: the table's run it belongs to and what to do with it. The copy
 * stage splits over these (every table's partitions of a round in one list, largest first), and
 * the partition route puts {@code run} on its exchange ({@link PartitionSteps#start}).
 */
public record JobPartition(OnlineRun run, PartitionTask task) {
}
