package io.ddbsync.sync.online;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * One round of the job's pool: every table's partitions of the round, the largest (estimated
 * bytes) first across tables; in a size, in table order, then in the table's own order (path order
 * in a size). That is the order of one stable sort of all of them, but made as the split takes
 * them: each table's list is in that order already ({@link OnlineRun#largestFirst}), so the round
 * merges them, and a partition's {@link JobPartition} exists only while its exchange does, not as a
 * list of every table's partitions for the whole round (issue 18: 20,000 of them). Each table's
 * list lets go of a partition as the split takes it (its slot emptied): from then on its exchange
 * holds its plan entry, and once it ends, its record stands in the run's records instead
 * ({@link PartitionRecords}). So a round is walked once.
 */
final class PoolRound implements Iterable<JobPartition> {
    private final List<OnlineRun> runs;
    private final List<PartitionTask[]> tasks;
    private final int size;
    private boolean walked;

    /** @param runs the tables in the round, in table order, each with its partitions of the round (largest first), emptied as they are taken */
    PoolRound(List<OnlineRun> runs, List<PartitionTask[]> tasks) {
        this.runs = List.copyOf(runs);
        this.tasks = List.copyOf(tasks);
        this.size = tasks.stream().mapToInt(t -> t.length).sum();
    }

    /** Partitions in the round, every table's. */
    int size() {
        return size;
    }

    /** The round's partitions, each handed out once: a second walk is refused (the first let go of them). */
    @Override
    public synchronized Iterator<JobPartition> iterator() {
        if (walked) throw new IllegalStateException("A round of the pool is walked once: it lets go of each partition as it hands it out");
        walked = true;
        return new Merge();
    }

    /** Where the merge stands in one table's list. */
    private static final class Cursor {
        final int table;
        int next;
        long bytes;

        Cursor(int table) {
            this.table = table;
        }
    }

    private final class Merge implements Iterator<JobPartition> {
        /** The tables with partitions left, the next largest first; of a size, the first table first. */
        private final PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator.comparingLong((Cursor c) -> c.bytes).reversed()
                .thenComparingInt(c -> c.table));

        Merge() {
            for (int i = 0; i < tasks.size(); i++) advance(new Cursor(i));
        }

        private void advance(Cursor c) {
            PartitionTask[] list = tasks.get(c.table);
            if (c.next >= list.length) return;
            c.bytes = list[c.next].estimatedBytes();
            heads.add(c);
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public JobPartition next() {
            Cursor c = heads.poll();
            if (c == null) throw new NoSuchElementException();
            PartitionTask[] list = tasks.get(c.table);
            JobPartition p = new JobPartition(runs.get(c.table), list[c.next]);
            list[c.next] = null;
            c.next++;
            advance(c);
            return p;
        }
    }
}
