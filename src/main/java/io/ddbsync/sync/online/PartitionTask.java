package io.ddbsync.sync.online;

import java.util.Locale;

/**
 * One partition of an online run as the plan decided it: what the run does with it on the target
 * and what was known about it beforehand. Only the plan's part: what the run learns of it goes into
 * a {@link PartitionRecord} once it ends, which takes its place in the run's records
 * ({@link PartitionRecords}), so the filter and version texts here are let go as soon as the
 * partition no longer runs (issue 18: the heap grows with the partitions by no more than the plan).
 * The route reads it with simple expressions ({@code ${body.path}}, {@code ${body.filter}},
 * {@code ${body.action}}).
 *
 * @param path           the partition's path
 * @param filter         the DolphinDB filter selecting exactly this partition's rows, for the source query
 * @param action         what the run does with it
 * @param sourceRows     rows on the source as the plan saw them (metadata or stats)
 * @param targetRows     rows on the target as the plan saw them; 0 when the target lacks the partition
 * @param estimatedBytes the bytes the copy is expected to move
 * @param sourceChecksum the source checksum the plan compared (incremental mode), null otherwise
 * @param targetChecksum the target checksum the plan compared (incremental mode), null otherwise
 * @param sourceVersion  the source partition's version when the plan listed it (that of its checksum in incremental
 *                       mode), {@link #ABSENT} when the source has no rows in it; null when unknown. The copy is of
 *                       this version as long as the source still has it at the end of the run.
 * @param targetVersion  the target partition's version when the plan listed it, {@link #ABSENT} when the target has
 *                       no rows in it; null when unknown
 */
public record PartitionTask(String path, String filter, Action action, long sourceRows, long targetRows, long estimatedBytes,
                            String sourceChecksum, String targetChecksum, String sourceVersion, String targetVersion) {

    /** The version of a side that has no rows in the partition (listings leave such partitions out). */
    public static final String ABSENT = "absent";

    /** What the run does with a partition; the past tense is what the report says once it is done. */
    public enum Action {
        /** On the source only: copied. */
        CREATE("created"),
        /** On both sides (and, in incremental mode, different): cleared on the target, then copied. */
        OVERWRITE("overwritten"),
        /** Equal on both sides (incremental mode): left alone. */
        UNCHANGED("unchanged"),
        /** On the target only: cleared, so the target ends equal to the source. */
        CLEAR("cleared");

        private final String done;

        Action(String done) {
            this.done = done;
        }

        public String done() {
            return done;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether the source has rows to stream (a CLEAR only empties the target's partition). */
    public boolean isCopy() {
        return action == Action.CREATE || action == Action.OVERWRITE;
    }

    @Override
    public String toString() {
        return path + " " + action.label();
    }
}
