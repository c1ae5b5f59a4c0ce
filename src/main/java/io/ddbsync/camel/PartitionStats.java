package io.ddbsync.camel;

/**
 * Row count and content checksum of one partition, as the stats operation computes them on the server.
 *
 * @param path       the partition's path
 * @param filter     the DolphinDB condition selecting its rows
 * @param rows       rows in the partition
 * @param checksum   equal on two clusters exactly when (up to a ~2^-64 chance) the partitions hold the same rows
 * @param remembered taken from the stats cache (nothing has written to the partition since it was scanned), not
 *                   scanned by this call
 * @param version    the partition's version these stats describe (see {@link Partition#version()}), read before it
 *                   was scanned; null when unknown
 */
public record PartitionStats(String path, String filter, long rows, String checksum, boolean remembered, String version) {

    /** Stats just scanned, of a partition whose version is not known. */
    public PartitionStats(String path, String filter, long rows, String checksum) {
        this(path, filter, rows, checksum, false, null);
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
