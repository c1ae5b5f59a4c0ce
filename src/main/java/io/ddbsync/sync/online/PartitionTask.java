package io.ddbsync.sync.online;

import java.util.Locale;

/**
 * One partition of an online run's plan: what to do with it on the target and what is known about
 * it beforehand. The route reads it with simple expressions ({@code ${body.path}}, {@code ${body.filter}},
 * {@code ${body.ledgerKey}}, {@code ${body.action}}).
 */
public final class PartitionTask {

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

    private final String path;
    private final String filter;
    private final Action action;
    private final long sourceRows;
    private final long targetRows;
    private final long estimatedBytes;
    private final String ledgerKey;
    private final String sourceChecksum;
    private final String targetChecksum;
    private final String sourceVersion;

    PartitionTask(String path, String filter, Action action, long sourceRows, long targetRows, long estimatedBytes, String ledgerKey,
                  String sourceChecksum, String targetChecksum, String sourceVersion) {
        this.path = path;
        this.filter = filter;
        this.action = action;
        this.sourceRows = sourceRows;
        this.targetRows = targetRows;
        this.estimatedBytes = estimatedBytes;
        this.ledgerKey = ledgerKey;
        this.sourceChecksum = sourceChecksum;
        this.targetChecksum = targetChecksum;
        this.sourceVersion = sourceVersion;
    }

    public String getPath() {
        return path;
    }

    /** The DolphinDB filter selecting exactly this partition's rows, for the source query. */
    public String getFilter() {
        return filter;
    }

    public Action getAction() {
        return action;
    }

    /** Whether the source has rows to stream (a CLEAR only empties the target's partition). */
    public boolean isCopy() {
        return action == Action.CREATE || action == Action.OVERWRITE;
    }

    /** Rows on the source as the plan saw them (metadata or stats). */
    public long getSourceRows() {
        return sourceRows;
    }

    /** Rows on the target as the plan saw them; 0 when the target lacks the partition. */
    public long getTargetRows() {
        return targetRows;
    }

    public long getEstimatedBytes() {
        return estimatedBytes;
    }

    /** The run ledger's key: job, resolved window and partition path. */
    public String getLedgerKey() {
        return ledgerKey;
    }

    /** The checksums the plan compared (incremental mode), null otherwise. */
    public String getSourceChecksum() {
        return sourceChecksum;
    }

    public String getTargetChecksum() {
        return targetChecksum;
    }

    /** The source partition's version when the plan listed it (that of its checksum in incremental mode); null when unknown. */
    public String getSourceVersion() {
        return sourceVersion;
    }

    @Override
    public String toString() {
        return path + " " + action.label();
    }
}
