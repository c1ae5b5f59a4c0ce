package io.ddbsync.sync.run;

/** The target does not equal the source after a run. */
public class SyncVerificationException extends RuntimeException {
    public SyncVerificationException(String message) {
        super(message);
    }
}
