package io.ddbsync.sync.online;

import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

import java.util.function.Consumer;

/** A ledger bean of the test's own (any IdempotentRepository will do) that tells the test when a partition verified. */
public class ObservedLedger extends MemoryIdempotentRepository {
    private volatile Consumer<String> onAdd = key -> { };

    void onAdd(Consumer<String> listener) {
        this.onAdd = listener;
    }

    @Override
    public boolean add(String key) {
        boolean added = super.add(key);
        if (added) onAdd.accept(key);
        return added;
    }
}
