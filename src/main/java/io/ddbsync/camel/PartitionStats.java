package io.ddbsync.camel;

/** Row count and content checksum of one partition, as the stats operation computes them on the server. */
public final class PartitionStats {
    private final String path;
    private final String filter;
    private final long rows;
    private final String checksum;
    private final boolean remembered;
    private final String version;

    public PartitionStats(String path, String filter, long rows, String checksum) {
        this(path, filter, rows, checksum, false, null);
    }

    /**
     * @param remembered taken from the stats cache: nothing has written to the partition since they were scanned
     * @param version    the partition's version they describe (see {@link Partition#version()}); null when unknown
     */
    public PartitionStats(String path, String filter, long rows, String checksum, boolean remembered, String version) {
        this.path = path;
        this.filter = filter;
        this.rows = rows;
        this.checksum = checksum;
        this.remembered = remembered;
        this.version = version;
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

    /** From the stats cache (the partition has not changed since it was scanned), not scanned by this call. */
    public boolean isRemembered() {
        return remembered;
    }

    /** The partition's version these stats describe (read before it was scanned); null when unknown. */
    public String getVersion() {
        return version;
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
