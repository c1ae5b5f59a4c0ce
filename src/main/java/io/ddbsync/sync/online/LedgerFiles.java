package io.ddbsync.sync.online;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

import java.io.File;

/**
 * Makes the default run ledger, Camel's FileIdempotentRepository, from a path written as text in
 * YAML (Camel has no String to File type converter for bean properties).
 */
public final class LedgerFiles {
    private LedgerFiles() {
    }

    /**
     * @param path      the ledger file; its directory is created when missing
     * @param cacheSize keys kept in memory; the file is searched for the others
     */
    public static IdempotentRepository file(String path, int cacheSize) {
        FileIdempotentRepository repository = new FileIdempotentRepository();
        repository.setFileStore(new File(path));
        repository.setCacheSize(cacheSize);
        return repository;
    }
}
