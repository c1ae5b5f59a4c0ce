package io.ddbsync.sync;

/** Row count and content checksum of one partition, as the stats operation computes them on the server. */
public final class PartitionStats {
    private final String path;
    private final String filter;
    private final long rows;
    private final String checksum;

    public PartitionStats(String path, String filter, long rows, String checksum) {
        this.path = path;
        this.filter = filter;
        this.rows = rows;
        this.checksum = checksum;
    }

    public String getPath() {
        return path;
    }

    public String getFilter() {
        return filter;
    }

    public long getRows() {
        return rows;
    }

    /** Equal on two clusters exactly when (up to a ~2^-64 chance) the partitions hold the same rows. */
    public String getChecksum() {
        return checksum;
    }

    /** Same rows and same checksum. */
    public boolean matches(PartitionStats other) {
        return other != null && rows == other.rows && checksum.equals(other.checksum);
    }

    @Override
    public String toString() {
        return path + " rows=" + rows + " checksum=" + checksum;
    }
}
