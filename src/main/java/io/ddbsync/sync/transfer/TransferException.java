package io.ddbsync.sync.transfer;

/** A transfer leg failed; the message says which job, which leg, where, and in which stage. */
public class TransferException extends Exception {

    public TransferException(String message) {
        super(message);
    }

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
