package io.ddbsync.sync.state;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the runner's file-backed state, Camel's own file repositories, from a path written as
 * text in YAML (Camel has no String to File type converter for bean properties).
 */
public final class StateFiles {
    private StateFiles() {
    }

    /**
     * The online sync's default run ledger: a file that runners sharing it never lose each other's
     * keys in, nor a runner killed while it writes makes wrong ({@link LedgerFileRepository}).
     *
     * @param path the ledger file; its directory is created when missing
     */
    public static IdempotentRepository ledger(String path) {
        return new LedgerFileRepository(prepared(path, "online sync's run ledger").toPath());
    }

    /**
     * The dolphindb component's stats cache: each partition's row count and checksum with the
     * version they were taken at, one entry per partition, in a file sorted by key looked up in place
     * ({@link StatsCacheFile}).
     *
     * @param path the file; its directory is created when missing
     */
    public static StateRepository<String, String> statsCache(String path) {
        return new StatsCacheFile(prepared(path, "stats cache").toPath());
    }

    /**
     * The tables each run of an online job synced, one entry per job, so the next run reports those
     * dropped on the source since.
     *
     * @param path the file; its directory is created when missing
     */
    public static StateRepository<String, String> knownTables(String path) {
        return FileStateRepository.fileStateRepository(prepared(path, "list of the tables each job synced"), 1 << 20);
    }

    /**
     * The file, its directory made: Camel's file repositories say only "Not a directory" or
     * "Permission denied" when they cannot make theirs, without naming it.
     */
    static File prepared(String path, String what) {
        Path file = Path.of(path).toAbsolutePath();
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot keep the " + what + " in " + file + ": its directory cannot be made (" + e
                    + "); set ddbsync.stateDir to a writable directory", e);
        }
        if (!Files.isWritable(dir) || Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException("Cannot keep the " + what + " in " + file + ": it is not writable; set ddbsync.stateDir to a writable directory");
        }
        return file.toFile();
    }
}
