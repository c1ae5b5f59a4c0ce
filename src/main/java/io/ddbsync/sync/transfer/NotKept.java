package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import io.ddbsync.sync.offline.ManifestReader;

import java.io.Closeable;
import java.io.IOException;
import java.util.BitSet;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A manifest's entries but those whose positions are set in {@code kept} (the files a leg found on
 * the target already), read from the manifest file one at a time; closing it closes the reader.
 * What it hands out is shaped by the caller: the entry alone (the SFTP leg's split) or the entry
 * with its position (the shared-directory leg's copy, which marks the copies it read back).
 */
final class NotKept<T> implements Iterator<T>, Closeable {

    /** Makes what the iterator hands out of an entry and its position in the manifest ({@link TransferRun#counted}: counting its bytes). */
    interface Shape<T> {
        T of(BackupManifest.Entry entry, int index);
    }

    private final ManifestReader entries;
    private final BitSet kept;
    private final Shape<T> shape;

    NotKept(ManifestReader entries, BitSet kept, Shape<T> shape) {
        this.entries = entries;
        this.kept = kept;
        this.shape = shape;
    }

    @Override
    public boolean hasNext() {
        // the reader's next position is the one after the entry it returned last
        while (entries.hasNext() && kept.get(entries.index() + 1)) entries.next();
        return entries.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) throw new NoSuchElementException();
        BackupManifest.Entry entry = entries.next();
        return shape.of(entry, entries.index());
    }

    @Override
    public void close() throws IOException {
        entries.close();
    }
}
