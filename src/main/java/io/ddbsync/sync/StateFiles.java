package io.ddbsync.sync;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.state.FileStateRepository;

import java.io.File;

/**
 * Makes the runner's file-backed state, Camel's own file repositories, from a path written as
 * text in YAML (Camel has no String to File type converter for bean properties).
 */
public final class StateFiles {
    private StateFiles() {
    }

    /**
     * The online sync's default run ledger.
     *
     * @param path      the ledger file; its directory is created when missing
     * @param cacheSize keys kept in memory; the file is searched for the others
     */
    public static IdempotentRepository ledger(String path, int cacheSize) {
        FileIdempotentRepository repository = new FileIdempotentRepository();
        repository.setFileStore(new File(path));
        repository.setCacheSize(cacheSize);
        return repository;
    }

    /**
     * The dolphindb component's stats cache: each partition's row count and checksum with the
     * version they were taken at, one entry per partition, kept in memory and appended to the file.
     *
     * @param path         the file; its directory is created when missing
     * @param maxFileBytes when the file grows past this, it is rewritten from memory (dropping
     *                     lines a later write replaced)
     */
    public static StateRepository<String, String> statsCache(String path, long maxFileBytes) {
        return FileStateRepository.fileStateRepository(new File(path), maxFileBytes);
    }
}
