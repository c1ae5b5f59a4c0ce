package io.ddbsync.sync.online;

/** A partition copied without error but its stats differ between source and target: it is not recorded as verified. */
public class PartitionMismatchException extends Exception {
    public PartitionMismatchException(String message) {
        super(message);
    }
}
