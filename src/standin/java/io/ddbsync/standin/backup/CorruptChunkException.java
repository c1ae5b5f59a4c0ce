package io.ddbsync.standin.backup;

/** A backed-up partition whose files do not match what it recorded: checkBackup lists it, restore refuses it. */
final class CorruptChunkException extends RuntimeException {
    CorruptChunkException(String problem) {
        super(problem);
    }
}
